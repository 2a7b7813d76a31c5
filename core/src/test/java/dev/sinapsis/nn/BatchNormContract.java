package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnAsserts.assertClose;
import static dev.sinapsis.nn.NnAsserts.assertGradCheck;
import static dev.sinapsis.nn.NnAsserts.backwardProjected;
import static dev.sinapsis.nn.NnAsserts.input;
import static dev.sinapsis.nn.NnAsserts.load;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.nn.functional.BatchNormalization;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d and BatchNorm2d on every backend: two training steps (outputs, gradients, running
 * statistics, batch counter) and an evaluation step against PyTorch fixtures
 * ({@code golden/nn_conv.py}), finite-difference gradient checks in both modes, state and errors.
 */
public abstract class BatchNormContract extends BackendTestBase {
    private static final Golden G = Golden.load("nn_conv.txt");

    private static void step(String p, BatchNorm m) {
        m.zeroGrad();
        Tensor x = input(G, p + ".x");
        Tensor out = m.forward(x);
        assertClose(p + " out", out, G.get(p + ".out"));
        backwardProjected(out, G, p + ".r");
        assertClose(p + " grad x", x.grad(), G.get(p + ".grad_x"));
        assertClose(p + " grad weight", m.weight().grad(), G.get(p + ".grad_weight"));
        assertClose(p + " grad bias", m.bias().grad(), G.get(p + ".grad_bias"));
    }

    private static void checkGolden(String p, BatchNorm m) {
        load(m.weight(), G, p + ".weight");
        load(m.bias(), G, p + ".bias");
        assertTrue(m.isTraining());
        step(p + ".train1", m);
        step(p + ".train2", m);
        assertClose(p + " running mean", m.runningMean(), G.get(p + ".running_mean"));
        assertClose(p + " running var", m.runningVar(), G.get(p + ".running_var"));
        assertEquals(2L, m.numBatchesTracked().toLongArray()[0]);
        assertEquals(DType.I64, m.numBatchesTracked().dtype());
        assertFalse(m.runningMean().requiresGrad());
        load(m.runningMean(), G, p + ".eval.running_mean");
        load(m.runningVar(), G, p + ".eval.running_var");
        m.eval();
        step(p + ".eval", m);
        assertEquals(2L, m.numBatchesTracked().toLongArray()[0], "evaluation does not count batches");
        assertClose(p + " running mean after eval", m.runningMean(), G.get(p + ".eval.running_mean"), 0, 0);
    }

    @Test
    void batchNorm1dOnBatchByFeaturesMatchesPyTorch() {
        checkGolden("bn1d_nc", new BatchNorm1d(4));
    }

    @Test
    void batchNorm1dOnBatchByChannelsByLengthMatchesPyTorch() {
        checkGolden("bn1d_ncl", new BatchNorm1d(3));
    }

    @Test
    void batchNorm2dMatchesPyTorch() {
        checkGolden("bn2d", new BatchNorm2d(3));
    }

    private static Tensor normal(long seed, double mean, int... shape) {
        return Tensor.normal(new Generator(seed), Shape.of(shape), DType.F64, mean, 1);
    }

    @Test
    void trainingModePassesGradCheck() {
        for (int[] shape : List.of(new int[] {6, 3}, new int[] {3, 2, 4}, new int[] {2, 3, 3, 4})) {
            int c = shape[1];
            GradCheck.Result r = GradCheck.check(in -> BatchNormalization.batchNorm(in[0], null, null, in[1], in[2],
                    true, 0.1, 1e-5), normal(1, 0.5, shape), normal(2, 1, c), normal(3, 0, c));
            assertGradCheck("batchNorm train " + java.util.Arrays.toString(shape), r);
        }
    }

    @Test
    void evaluationModePassesGradCheck() {
        Tensor mean = Tensor.of(new double[] {0.5, -1, 2});
        Tensor var = Tensor.of(new double[] {1.5, 0.25, 4});
        GradCheck.Result r = GradCheck.check(in -> BatchNormalization.batchNorm(in[0], mean, var, in[1], in[2],
                false, 0.1, 1e-5), normal(4, 0, 2, 3, 3, 2), normal(5, 1, 3), normal(6, 0, 3));
        assertGradCheck("batchNorm eval", r);
    }

    @Test
    void stateIsNamedLikePyTorch() {
        BatchNorm2d m = new BatchNorm2d(5);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(m.stateDict().keySet()));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, m.weight().toFloatArray());
        assertArrayEquals(new float[5], m.bias().toFloatArray());
        assertArrayEquals(new float[5], m.runningMean().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, m.runningVar().toFloatArray());
        assertEquals(Shape.of(), m.numBatchesTracked().shape());
        assertEquals(2, m.parameters().size());
        BatchNorm1d plain = new BatchNorm1d(3, 1e-3, 0.5, false);
        assertEquals(0, plain.parameters().size());
        assertEquals(3, plain.stateDict().size());
    }

    @Test
    void runningStatisticsFollowTheMomentumRule() {
        BatchNorm1d m = new BatchNorm1d(2, 1e-5, 0.5, false);
        // channel 0: 1, 3 (mean 2, unbiased var 2); channel 1: 0, 0 (mean 0, var 0)
        Tensor x = Tensor.of(new float[] {1, 0, 3, 0}, 2, 2);
        Tensor y = m.forward(x);
        assertArrayEquals(new float[] {1.0f, 0.0f}, m.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1.5f, 0.5f}, m.runningVar().toFloatArray(), 1e-6f);
        // normalised with the biased variance 1: (1-2)/sqrt(1+eps), (3-2)/sqrt(1+eps)
        assertEquals(-1 / Math.sqrt(1 + 1e-5), y.toDoubleArray()[0], 1e-6);
        assertEquals(1 / Math.sqrt(1 + 1e-5), y.toDoubleArray()[2], 1e-6);
        m.eval();
        Tensor z = m.forward(Tensor.of(new float[] {1, 0}, 1, 2));
        assertEquals(0, z.toDoubleArray()[0], 1e-6);
        assertArrayEquals(new float[] {1.0f, 0.0f}, m.runningMean().toFloatArray(), 1e-6f);
    }

    @Test
    void wrongInputsNameTheLayerAndShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 4, 5, 5)));
        assertEquals("BatchNorm2d: expected input [N, 3, H, W], got [2,4,5,5]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 3, 5)));
        assertEquals("BatchNorm2d: expected input [N, 3, H, W], got [2,3,5]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> new BatchNorm1d(4).forward(Tensor.zeros(2, 3)));
        assertEquals("BatchNorm1d: expected input [N, 4] or [N, 4, L], got [2,3]", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm1d(4).forward(Tensor.zeros(1, 4)));
        assertTrue(a.getMessage().contains("more than 1 value per channel"), a.getMessage());
    }
}
