package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.nn.init.Init;
import dev.sinapsis.nn.init.Init.FanMode;
import dev.sinapsis.nn.init.Init.Nonlinearity;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Initialisers: PyTorch's fans and gains, the mean, spread and bounds of large draws,
 * orthogonality, reproducibility from a seed, and in-place assignment to a parameter.
 */
public abstract class InitContract extends BackendTestBase {
    private static final Shape CONV = Shape.of(64, 32, 3, 3);

    @Test
    void fansFollowPyTorch() {
        assertEquals(new Init.Fans(20, 30), Init.fans(Shape.of(30, 20)));
        assertEquals(new Init.Fans(32 * 9, 64 * 9), Init.fans(CONV));
        assertEquals(new Init.Fans(4 * 5, 3 * 5), Init.fans(Shape.of(3, 4, 5)));
        assertThrows(ShapeException.class, () -> Init.fans(Shape.of(7)));
        assertEquals(Math.sqrt(2), Init.gain(Nonlinearity.RELU, 0), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 0.04)), Init.gain(Nonlinearity.LEAKY_RELU, 0.2), 1e-15);
        assertEquals(5.0 / 3, Init.gain(Nonlinearity.TANH, 0), 1e-15);
        assertEquals(1, Init.gain(Nonlinearity.LINEAR, 0));
    }

    /** Asserts mean 0, the given standard deviation (1.5 %) and, for uniform draws, the bound. */
    private static void assertSpread(Tensor t, double std, double bound) {
        assertEquals(0, t.mean().item(), 0.02 * std, "mean");
        assertEquals(std, t.std().item(), 0.015 * std, "std");
        if (bound > 0) {
            double max = t.abs().max().item();
            assertTrue(max <= bound && max > 0.99 * bound, "max |x| " + max + " vs bound " + bound);
        }
    }

    @Test
    void xavierHasTheGlorotSpread() {
        Generator g = new Generator(1);
        double b = 2 * Math.sqrt(6.0 / (32 * 9 + 64 * 9));
        assertSpread(Init.xavierUniform(g, CONV, DType.F32, 2), b / Math.sqrt(3), b);
        assertSpread(Init.xavierNormal(g, Shape.of(300, 200), DType.F64, 1), Math.sqrt(2.0 / 500), 0);
    }

    @Test
    void kaimingHasTheHeSpread() {
        Generator g = new Generator(2);
        double std = Math.sqrt(2) / Math.sqrt(32 * 9);
        assertSpread(Init.kaimingUniform(g, CONV, DType.F32, 0, FanMode.FAN_IN, Nonlinearity.RELU),
                std, std * Math.sqrt(3));
        double stdOut = Init.gain(Nonlinearity.LEAKY_RELU, 0.1) / Math.sqrt(64 * 9);
        assertSpread(Init.kaimingNormal(g, CONV, DType.F32, 0.1, FanMode.FAN_OUT, Nonlinearity.LEAKY_RELU),
                stdOut, 0);
        // PyTorch's Linear default: kaiming_uniform(a = sqrt 5) is U(-1/sqrt(in), 1/sqrt(in))
        Tensor w = Init.kaimingUniform(g, Shape.of(200, 400), DType.F32, Math.sqrt(5), FanMode.FAN_IN,
                Nonlinearity.LEAKY_RELU);
        assertSpread(w, 1 / Math.sqrt(400) / Math.sqrt(3), 1 / Math.sqrt(400));
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumns() {
        for (int[] s : new int[][] {{6, 6}, {4, 9}, {9, 4}, {3, 2, 2}}) {
            Tensor w = Init.orthogonal(new Generator(3), Shape.of(s), DType.F64, 1.5);
            Tensor m = w.reshape(s[0], -1);
            boolean wide = m.dim(0) < m.dim(1);
            Tensor gram = wide ? m.matmul(m.t()) : m.t().matmul(m);
            int n = gram.dim(0);
            double[] v = gram.toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 2.25 : 0, v[i * n + j], 1e-12, "W W^T = gain^2 I for " + Shape.of(s));
                }
            }
        }
        Tensor a = Init.orthogonal(new Generator(3), Shape.of(5, 5), DType.F32, 1);
        Tensor b = Init.orthogonal(new Generator(3), Shape.of(5, 5), DType.F32, 1);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), "seeded");
    }

    @Test
    void constantsAndAssignment() {
        assertEquals(0, Init.zeros(Shape.of(3, 4), DType.F32).abs().sum().item());
        assertEquals(12, Init.ones(Shape.of(3, 4), DType.F64).sum().item());
        assertEquals(12 * 2.5, Init.constant(Shape.of(3, 4), DType.F32, 2.5).sum().item(), 1e-6);
        Linear l = new Linear(4, 3, true, new Generator(0));
        Tensor before = l.weight();
        Init.assign(l.weight(), Init.xavierUniform(new Generator(4), l.weight().shape(), DType.F64, 1));
        assertSame(before, l.weight());
        assertTrue(l.weight().requiresGrad() && l.weight().isLeaf());
        assertArrayEquals(Init.xavierUniform(new Generator(4), l.weight().shape(), DType.F32, 1).toFloatArray(),
                l.weight().toFloatArray(), 1e-6f);
        assertThrows(ShapeException.class, () -> Init.assign(l.weight(), Tensor.zeros(4, 3)));
    }
}
