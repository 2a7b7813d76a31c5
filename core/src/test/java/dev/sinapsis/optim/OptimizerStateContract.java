package dev.sinapsis.optim;

import static dev.sinapsis.optim.OptimAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.conformance.HeapProbe;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Optimizer bookkeeping on every backend: state dict round trips (resuming gives the same numbers
 * as never stopping), clear errors on bad state dicts and options, per-group learning rates,
 * zeroGrad, state buffers updated in place, and flat memory over 2,000 Adam steps.
 */
public abstract class OptimizerStateContract extends BackendTestBase {

    private static List<Tensor> params(Golden golden) {
        return List.of(golden.tensor("init.w", DType.F64).requiresGrad(true),
                golden.tensor("init.b", DType.F64).requiresGrad(true),
                golden.tensor("init.c", DType.F64).requiresGrad(true));
    }

    private static void setGrads(Golden golden, List<Tensor> p, int k) {
        p.get(0).setGrad(golden.tensor("grad." + k + ".w", DType.F64));
        p.get(1).setGrad(golden.names().contains("grad." + k + ".b") ? golden.tensor("grad." + k + ".b", DType.F64) : null);
        p.get(2).setGrad(null);
    }

    @Test
    void stateDictRoundTripResumesExactly() {
        Golden golden = Golden.load("optim.txt");
        for (Map.Entry<String, Function<List<Tensor>, Optimizer>> e : OptimizerGoldenContract.configs().entrySet()) {
            String name = e.getKey();
            if (name.equals("adam_steplr")) {
                continue;
            }
            List<Tensor> p = params(golden);
            Optimizer first = e.getValue().apply(p);
            for (int k = 0; k < 3; k++) {
                setGrads(golden, p, k);
                first.step();
            }
            Map<String, Tensor> saved = first.stateDict();
            // keep training the first optimizer: the saved copies must not change
            Map<String, double[]> snapshot = new HashMap<>();
            saved.forEach((k, v) -> snapshot.put(k, v.toDoubleArray()));
            setGrads(golden, p, 3);
            first.step();
            saved.forEach((k, v) -> assertArrayEquals(snapshot.get(k), v.toDoubleArray(), name + ": " + k + " is a copy"));

            // a fresh optimizer with other hyper-parameters takes everything from the dict
            List<Tensor> q = params(golden);
            try (var ignored = dev.sinapsis.autograd.Autograd.noGrad()) {
                q.get(0).copyFrom(golden.tensor(name + ".2.w", DType.F64));
                q.get(1).copyFrom(golden.tensor(name + ".2.b", DType.F64));
            }
            Optimizer resumed = e.getValue().apply(q);
            resumed.setLearningRate(123.0);
            resumed.loadStateDict(saved);
            assertEquals(first.learningRate(), resumed.learningRate(), name + ": lr restored");
            for (int k = 3; k < 5; k++) {
                setGrads(golden, q, k);
                resumed.step();
                assertClose(golden.get(name + "." + k + ".w").values(), q.get(0), 1e-9, 1e-12, name + " resumed w " + k);
                assertClose(golden.get(name + "." + k + ".b").values(), q.get(1), 1e-9, 1e-12, name + " resumed b " + k);
            }
        }
    }

    @Test
    void stateDictKeysFollowPyTorchNames() {
        Tensor w = Tensor.ones(2, 3).requiresGrad(true);
        Tensor unused = Tensor.ones(4).requiresGrad(true);
        Optimizer opt = Adam.builder(List.of(unused, w)).amsgrad(true).build();
        w.setGrad(Tensor.ones(2, 3));
        opt.step();
        Map<String, Tensor> dict = opt.stateDict();
        assertTrue(dict.keySet().containsAll(List.of("state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq",
                "state.1.max_exp_avg_sq", "param_groups.0.lr", "param_groups.0.beta1", "param_groups.0.amsgrad")),
                dict.keySet().toString());
        assertTrue(dict.keySet().stream().noneMatch(k -> k.startsWith("state.0.")), "no state for a param never stepped");
        assertEquals(1.0, dict.get("state.1.step").item());
    }

    @Test
    void loadStateDictNamesEveryProblem() {
        Tensor w = Tensor.ones(2, 3).requiresGrad(true);
        Optimizer opt = Adam.builder(List.of(w)).build();
        w.setGrad(Tensor.ones(2, 3));
        opt.step();
        Map<String, Tensor> dict = new LinkedHashMap<>(opt.stateDict());
        dict.remove("state.0.exp_avg_sq");
        dict.put("state.0.exp_avg", Tensor.ones(3, 2));
        dict.put("state.7.exp_avg", Tensor.ones(3));
        dict.remove("param_groups.0.eps");
        Optimizer other = Adam.builder(List.of(Tensor.ones(2, 3).requiresGrad(true))).lr(0.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(dict));
        String m = e.getMessage();
        assertTrue(m.contains("missing 'state.0.exp_avg_sq'"), m);
        assertTrue(m.contains("'state.0.exp_avg' has shape [3,2] but parameter 0 has shape [2,3]"), m);
        assertTrue(m.contains("unexpected 'state.7.exp_avg'"), m);
        assertTrue(m.contains("missing 'param_groups.0.eps'"), m);
        assertEquals(0.5, other.learningRate(), "a failed load leaves the optimizer unchanged");
        assertNull(other.state(other.parameters().get(0)));
    }

    @Test
    void badOptionsAreRejectedWithTheirNames() {
        List<Tensor> p = List.of(Tensor.ones(2).requiresGrad(true));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SGD.builder(p).build()).getMessage()
                .contains("'lr' has no default"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SGD.builder(p).lr(0.1).nesterov(true).build())
                .getMessage().contains("Nesterov"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.builder(p).betas(1.0, 0.9).build())
                .getMessage().contains("beta1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.builder(p).lr(-1).build())
                .getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(ParamGroup.of(p).set("momentum", 0.9)).build()).getMessage().contains("'momentum'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.builder(List.of()).build())
                .getMessage().contains("empty"));
        Tensor t = p.get(0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(List.of(t, t)).build()).getMessage().contains("more than one"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(List.of(t.mul(2))).build()).getMessage().contains("non-leaf"));
    }

    @Test
    void learningRatesArePerGroup() {
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        Optimizer opt = SGD.builder(ParamGroup.of(a), ParamGroup.of(b).lr(0.5)).lr(0.1).build();
        assertEquals(0.1, opt.learningRate(0));
        assertEquals(0.5, opt.learningRate(1));
        opt.setLearningRate(1, 0.25);
        a.setGrad(Tensor.ones(2));
        b.setGrad(Tensor.ones(2));
        opt.step();
        assertArrayEquals(new float[] {0.9f, 0.9f}, a.toFloatArray());
        assertArrayEquals(new float[] {0.75f, 0.75f}, b.toFloatArray());
        opt.setLearningRate(0.0);
        assertEquals(0.0, opt.learningRate(1));
        opt.zeroGrad();
        assertNull(a.grad());
        assertNull(b.grad());
    }

    /** A tiny linear model y = x w + b fitted by Adam on fixed data. */
    private static double adamStep(Optimizer opt, Tensor x, Tensor y, Tensor w, Tensor b) {
        opt.zeroGrad();
        Tensor loss = x.matmul(w).add(b).sub(y).square().mean();
        loss.backward();
        opt.step();
        return loss.item();
    }

    @Test
    void stateIsUpdatedInPlaceAndMemoryStaysFlat() {
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, 32, 8);
        Tensor y = x.matmul(Tensor.randn(gen, 8, 2));
        Tensor w = Tensor.zeros(8, 2).requiresGrad(true);
        Tensor b = Tensor.zeros(2).requiresGrad(true);
        Optimizer opt = Adam.builder(List.of(w, b)).lr(0.01).amsgrad(true).build();
        double first = adamStep(opt, x, y, w, b);
        Map<String, Tensor> buffers = Map.copyOf(opt.state(w).buffers());
        for (int i = 0; i < 200; i++) {
            adamStep(opt, x, y, w, b);
        }
        long before = HeapProbe.settledHeap();
        double last = 0;
        for (int i = 200; i < 2_000; i++) {
            last = adamStep(opt, x, y, w, b);
        }
        long after = HeapProbe.settledHeap();
        long growth = after - before;
        assertTrue(growth < 2L * 1024 * 1024, "heap grew by " + growth / 1024 + " KiB over 1,800 Adam steps");
        buffers.forEach((k, v) -> assertSame(v, opt.state(w).buffer(k), k + " is the same tensor after 2,000 steps"));
        assertEquals(2_001, opt.state(w).step());
        assertTrue(last < first / 100, "Adam fitted the linear model: loss " + first + " -> " + last);
    }
}
