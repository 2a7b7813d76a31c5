package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnAsserts.assertClose;
import static dev.sinapsis.nn.NnAsserts.assertGradCheck;
import static dev.sinapsis.nn.NnAsserts.backwardProjected;
import static dev.sinapsis.nn.NnAsserts.input;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MaxPool2d, AvgPool2d, MaxUnpool2d and Upsample on every backend: outputs, indices and input
 * gradients against PyTorch fixtures ({@code golden/nn_conv.py}), finite-difference gradient
 * checks, padding semantics and error messages.
 */
public abstract class PoolingContract extends BackendTestBase {
    private static final Golden G = Golden.load("nn_conv.txt");

    private static void checkMaxPool(String p, MaxPool2d m) {
        Tensor x = input(G, p + ".x");
        Pooling.MaxPoolResult r = m.forwardWithIndices(x);
        assertClose(p + " out", r.output(), G.get(p + ".out"));
        assertEquals(DType.I64, r.indices().dtype());
        assertClose(p + " indices", r.indices(), G.get(p + ".indices"), 0, 0);
        backwardProjected(r.output(), G, p + ".r");
        assertClose(p + " grad x", x.grad(), G.get(p + ".grad_x"));
        // forward() gives the same output
        assertArrayEquals(r.output().toDoubleArray(), m.forward(x).toDoubleArray(), 0.0);
    }

    private static void checkLayer(String p, Module m) {
        Tensor x = input(G, p + ".x");
        Tensor out = m.forward(x);
        assertClose(p + " out", out, G.get(p + ".out"));
        backwardProjected(out, G, p + ".r");
        assertClose(p + " grad x", x.grad(), G.get(p + ".grad_x"));
    }

    @Test
    void maxPoolKernel2Stride2MatchesPyTorch() {
        checkMaxPool("maxpool_k2s2", new MaxPool2d(2));
    }

    @Test
    void maxPoolKernel3Stride2Padding1OnNegativeInputsMatchesPyTorch() {
        checkMaxPool("maxpool_k3s2p1", new MaxPool2d(3, 2, 1));
    }

    @Test
    void maxPoolWithDilationMatchesPyTorch() {
        checkMaxPool("maxpool_k2d2", new MaxPool2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {2, 2}));
    }

    @Test
    void paddedPositionsNeverWin() {
        Tensor x = Tensor.full(-2.0, 1, 1, 3, 3);
        Pooling.MaxPoolResult r = new MaxPool2d(3, 1, 1).forwardWithIndices(x);
        assertArrayEquals(new float[9], r.output().add(2).toFloatArray());
        // ties go to the first real element of the window, as in PyTorch
        assertArrayEquals(new long[] {0, 0, 1, 0, 0, 1, 3, 3, 4}, r.indices().toLongArray());
    }

    @Test
    void avgPoolCountingPaddingMatchesPyTorch() {
        checkLayer("avgpool_k3s2p1", new AvgPool2d(3, 2, 1));
    }

    @Test
    void avgPoolNotCountingPaddingMatchesPyTorch() {
        checkLayer("avgpool_k3s2p1_nopad", new AvgPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                false));
    }

    @Test
    void avgPoolDefaultStrideMatchesPyTorch() {
        checkLayer("avgpool_k2", new AvgPool2d(2));
    }

    @Test
    void upsampleNearestMatchesPyTorch() {
        checkLayer("upsample_x2", new Upsample(2));
        checkLayer("upsample_x3", new Upsample(3));
    }

    @Test
    void maxUnpoolMatchesPyTorch() {
        for (String p : List.of("unpool_even", "unpool_odd")) {
            Tensor x = input(G, p + ".x");
            Tensor indices = G.tensor(p + ".indices", DType.I64);
            int[] outShape = G.get(p + ".out").shape();
            MaxUnpool2d m = new MaxUnpool2d(2);
            Tensor out = p.equals("unpool_even") ? m.forward(x, indices)
                    : m.forward(x, indices, outShape[2], outShape[3]);
            assertClose(p + " out", out, G.get(p + ".out"));
            backwardProjected(out, G, p + ".r");
            assertClose(p + " grad x", x.grad(), G.get(p + ".grad_x"));
        }
    }

    @Test
    void maxUnpoolUndoesMaxPoolOnTheMaxima() {
        Tensor x = distinct(3, 2, 3, 6, 8).add(100);
        Pooling.MaxPoolResult r = new MaxPool2d(2).forwardWithIndices(x);
        Tensor back = new MaxUnpool2d(2).forward(r.output(), r.indices());
        // pooling the unpooled tensor gives the same maxima back (the zeros never win: inputs > 0)
        assertArrayEquals(r.output().toDoubleArray(), new MaxPool2d(2).forward(back).toDoubleArray(), 0.0);
        assertEquals(2 * 3 * 3 * 4, (int) back.ne(0).sum().item(), "one non-zero per window");
        assertEquals(r.output().sum().item(), back.sum().item(), 1e-9);
    }

    /** Distinct values (spacing 0.05, shuffled): no ties, so finite differences never flip a maximum. */
    private static Tensor distinct(long seed, int... shape) {
        int n = Shape.of(shape).numel();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((i - n / 2.0) * 0.05);
        }
        Collections.shuffle(values, new Random(seed));
        return Tensor.of(values.stream().mapToDouble(Double::doubleValue).toArray(), shape);
    }

    @Test
    void maxPoolPassesGradCheck() {
        assertGradCheck("maxPool2d k3 s2 p1", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.maxPool2d(in[0], 3, 2, 1), distinct(1, 2, 2, 7, 6)));
        assertGradCheck("maxPool2d dilated", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.maxPool2d(in[0], new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1},
                        new int[] {2, 1}), distinct(2, 1, 2, 6, 7)));
    }

    @Test
    void avgPoolPassesGradCheck() {
        Tensor x = Tensor.normal(new Generator(3), Shape.of(2, 2, 7, 6), DType.F64, 0, 1);
        assertGradCheck("avgPool2d count pad", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.avgPool2d(in[0], 3, 2, 1), x));
        assertGradCheck("avgPool2d no count pad", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.avgPool2d(in[0], new int[] {3, 2}, null, new int[] {1, 1}, false), x));
    }

    @Test
    void upsampleAndUnpoolPassGradCheck() {
        Tensor x = Tensor.normal(new Generator(4), Shape.of(2, 2, 3, 4), DType.F64, 0, 1);
        assertGradCheck("upsampleNearest", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.upsampleNearest(in[0], 2, 3), x));
        Pooling.MaxPoolResult r = Pooling.maxPool2dWithIndices(distinct(5, 2, 2, 6, 8), new int[] {2, 2}, null,
                new int[] {0, 0}, new int[] {1, 1});
        assertGradCheck("maxUnpool2d", dev.sinapsis.autograd.GradCheck.check(
                in -> Pooling.maxUnpool2d(in[0], in[1], 6, 8), r.output(), r.indices()));
    }

    @Test
    void wrongInputsNameTheLayerAndShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(3, 8, 8)));
        assertEquals("MaxPool2d: expected input [N, C, H, W], got [3,8,8]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> new AvgPool2d(2).forward(Tensor.zeros(8, 8)));
        assertEquals("AvgPool2d: expected input [N, C, H, W], got [8,8]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> new Upsample(2).forward(Tensor.zeros(1, 8, 8)));
        assertEquals("Upsample: expected input [N, C, H, W], got [1,8,8]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> new MaxPool2d(5).forward(Tensor.zeros(1, 1, 3, 3)));
        assertTrue(e.getMessage().startsWith("maxPool2d: a 5x5 window") && e.getMessage().contains("[1,1,3,3]"),
                e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertTrue(a.getMessage().startsWith("MaxPool2d: padding 2 must be at most half the kernel 2"),
                a.getMessage());
        Tensor x = Tensor.ones(1, 1, 2, 2);
        a = assertThrows(IllegalArgumentException.class, () -> new MaxUnpool2d(2).forward(x,
                Tensor.of(new long[] {0, 1, 2, 16}, 1, 1, 2, 2)));
        assertTrue(a.getMessage().contains("[0, 16]") && a.getMessage().contains("4x4"), a.getMessage());
        e = assertThrows(ShapeException.class, () -> new MaxUnpool2d(2).forward(x,
                Tensor.of(new long[] {0, 1}, 1, 1, 1, 2)));
        assertTrue(e.getMessage().contains("[1,1,1,2]") && e.getMessage().contains("[1,1,2,2]"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new MaxUnpool2d(2).forward(x));
    }
}
