package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.integers;
import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.Inputs.Input;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Cumulative sums along every axis of every layout, their dtypes, gradient and errors. */
public interface ScanContract {

    /** Inclusive prefix sums of row-major {@code v} (shape {@code shape}) along {@code axis}, in F64. */
    static double[] prefix(double[] v, int[] shape, int axis, boolean abs) {
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int n = shape[axis];
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = abs ? Math.abs(v[i]) : v[i];
            boolean first = (i / inner) % n == 0; // coordinate 0 along the axis
            out[i] = first ? x : out[i - inner] + x;
        }
        return out;
    }

    @Test
    default void cumsumAlongEveryAxisOfEveryLayout() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            boolean fl = d.isFloating();
            DType expectedType = d == DType.I32 ? DType.I64 : d;
            for (Input in : Inputs.layouts(d, 211, fl ? uniform(-3, 5) : integers(-1000, 1000))) {
                int rank = in.shape().length;
                for (int axis = -Math.max(rank, 1); axis < Math.max(rank, 1); axis++) {
                    String w = d + " " + in + " axis " + axis;
                    Tensor got = in.t().cumsum(axis);
                    assertEquals(expectedType, got.dtype(), w + ": dtype");
                    if (rank == 0) {
                        Naive.assertClose("cumsum " + w, in.values(), in.shape(), got, 0);
                        continue;
                    }
                    int a = axis < 0 ? axis + rank : axis;
                    double[] expected = prefix(in.values(), in.shape(), a, false);
                    double[] scale = prefix(in.values(), in.shape(), a, true);
                    Naive.assertClose("cumsum " + w, expected, scale, in.shape(), got, fl ? Naive.tol(d) : 0);
                }
            }
        }
    }

    @Test
    default void cumsumOfKnownValuesAndBooleans() {
        assertArrayEquals(new double[] {1, 3, 6, 10}, Tensor.of(new float[] {1, 2, 3, 4}).cumsum(0).toDoubleArray());
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, m.cumsum(0).toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, m.cumsum(1).toDoubleArray());
        Tensor b = Tensor.of(new boolean[] {true, false, true, true});
        Tensor c = b.cumsum(0);
        assertEquals(DType.I64, c.dtype(), "BOOL sums count in I64, as in PyTorch");
        assertArrayEquals(new long[] {1, 1, 2, 3}, c.toLongArray());
        assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE},
                Tensor.of(new long[] {Long.MAX_VALUE - 1, 1}).cumsum(0).toLongArray(), "I64 sums exactly");
    }

    @Test
    default void cumsumGradient() {
        Tensor x = GradientContract.f64(5, uniform(-2, 2), 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            GradientContract.check("cumsum axis " + a, in -> in[0].cumsum(a).square(), x);
            GradientContract.check("cumsum of a transposed view, axis " + a,
                    in -> in[0].transpose(0, 2).cumsum(a).square(), x);
        }
        Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        w.cumsum(0).sum().backward();
        assertArrayEquals(new double[] {3, 2, 1}, w.grad().toDoubleArray(),
                "d(sum of prefix sums)/dx_i counts the prefixes containing x_i");
    }

    @Test
    default void cumsumErrors() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).cumsum(2));
        assertTrue(e.getMessage().startsWith("cumsum:"), e.getMessage());
        assertThrows(ShapeException.class, () -> Tensor.scalar(1).cumsum(1));
    }
}
