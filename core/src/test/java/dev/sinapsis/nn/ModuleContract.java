package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Module bookkeeping: names, state dicts and their errors, train/eval, zeroGrad. */
public abstract class ModuleContract extends BackendTestBase {
    private static Sequential model(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(3, 4, true, g), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, true, g));
    }

    @Test
    void namesParametersAndBuffersByPath() {
        Sequential m = model(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias"), List.copyOf(m.stateDict().keySet()));
        assertEquals(6, m.parameters().size());
        assertEquals(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2, m.parameterCount());
    }

    @Test
    void stateDictRoundTripReproducesTheModel() {
        Sequential a = model(1);
        Sequential b = model(2);
        Tensor x = Tensor.randn(new Generator(3), 5, 3);
        a.eval();
        b.eval();
        assertFalse(java.util.Arrays.equals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray()));
        b.loadStateDict(a.stateDict());
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray(), 0f);
    }

    @Test
    void loadStateDictListsEveryProblemAndChangesNothing() {
        Sequential m = model(1);
        float[] before = m.stateDict().get("0.weight").toFloatArray();
        Map<String, Tensor> state = new LinkedHashMap<>(model(2).stateDict());
        state.remove("3.bias");
        state.put("extra.weight", Tensor.zeros(1));
        state.put("0.bias", Tensor.zeros(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing '3.bias'"), msg);
        assertTrue(msg.contains("unexpected 'extra.weight'"), msg);
        assertTrue(msg.contains("'0.bias' has shape [5]"), msg);
        assertArrayEquals(before, m.stateDict().get("0.weight").toFloatArray(), 0f);
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Sequential m = model(1);
        assertTrue(m.isTraining());
        m.eval();
        assertFalse(m.get(1).isTraining());
        m.train();
        assertTrue(m.get(3).isTraining());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential m = model(1);
        m.forward(Tensor.randn(new Generator(4), 6, 3)).sum().backward();
        assertTrue(m.parameters().stream().allMatch(p -> p.grad() != null));
        m.zeroGrad();
        for (Tensor p : m.parameters()) {
            assertTrue(p.grad() == null || p.grad().abs().sum().item() == 0.0);
        }
    }
}
