package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Im2col;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The backend's {@code im2col}/{@code col2im} through {@link Im2col}: unfold against a naive window
 * loop (padding, stride and dilation on both axes, non-contiguous input), fold as its adjoint and
 * on non-contiguous columns, both gradients by finite differences, and the shape error.
 */
public interface Im2colContract {
    /** Kernel 3x2, stride 2x1, padding 1x0, dilation 2x1: every geometry parameter off its default. */
    ConvGeometry G = new ConvGeometry(3, 2, 2, 1, 1, 0, 2, 1);

    @Test
    default void unfoldMatchesNaiveWindows() {
        int n = 2, c = 3, h = 7, w = 5;
        Tensor x = Tensor.normal(new Generator(3), Shape.of(n, c, h, w), DType.F64, 0, 1);
        double[] xv = x.toDoubleArray();
        int oh = G.outH(h), ow = G.outW(w);
        double[] expected = new double[n * c * 6 * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 2; j++) {
                        for (int y = 0; y < oh; y++) {
                            for (int z = 0; z < ow; z++) {
                                int iy = y * 2 - 1 + i * 2;
                                int ix = z - 0 + j;
                                double v = iy >= 0 && iy < h && ix >= 0 && ix < w
                                        ? xv[((b * c + ch) * h + iy) * w + ix] : 0;
                                expected[((b * c * 6) + (ch * 3 + i) * 2 + j) * oh * ow + y * ow + z] = v;
                            }
                        }
                    }
                }
            }
        }
        Tensor cols = Im2col.unfold(x, G);
        assertEquals(Shape.of(n, c * 6, oh * ow), cols.shape());
        assertArrayEquals(expected, cols.toDoubleArray(), 0.0);
        // a transposed (non-contiguous) input gives the same columns as its contiguous copy
        Tensor xt = x.transpose(2, 3).contiguous().transpose(2, 3);
        assertArrayEquals(expected, Im2col.unfold(xt, G).toDoubleArray(), 0.0);
    }

    @Test
    default void foldIsTheAdjointOfUnfold() {
        // <unfold(x), y> == <x, fold(y)> for random x, y
        Tensor x = Tensor.normal(new Generator(5), Shape.of(2, 2, 6, 5), DType.F64, 0, 1);
        Tensor cols = Im2col.unfold(x, G);
        Tensor y = Tensor.normal(new Generator(6), cols.shape(), DType.F64, 0, 1);
        double lhs = cols.mul(y).sum().item();
        double rhs = x.mul(Im2col.fold(y, 6, 5, G)).sum().item();
        assertEquals(lhs, rhs, 1e-10);
    }

    @Test
    default void foldReadsNonContiguousColumns() {
        // e.g. the gradient of a mean over windows arrives as a broadcast (stride-0) view
        Tensor cols = Tensor.normal(new Generator(9), Shape.of(2, 6, 1), DType.F64, 0, 1)
                .expand(2, 6, G.outH(5) * G.outW(4));
        assertArrayEquals(Im2col.fold(cols.contiguous(), 5, 4, G).toDoubleArray(),
                Im2col.fold(cols, 5, 4, G).toDoubleArray(), 0.0);
    }

    @Test
    default void gradientsPassGradCheck() {
        Tensor x = Tensor.normal(new Generator(7), Shape.of(1, 2, 5, 4), DType.F64, 0, 1);
        GradCheck.Result r = GradCheck.check(in -> Im2col.unfold(in[0], G), x);
        assertTrue(r.passes(1e-6), r.toString());
        Tensor cols = Tensor.normal(new Generator(8), Im2col.unfold(x, G).shape(), DType.F64, 0, 1);
        GradCheck.Result f = GradCheck.check(in -> Im2col.fold(in[0], 5, 4, G), cols);
        assertTrue(f.passes(1e-6), f.toString());
    }

    @Test
    default void aWindowLargerThanTheImageIsAShapeError() {
        Tensor x = Tensor.zeros(1, 1, 2, 2);
        ShapeException e = assertThrows(ShapeException.class, () -> Im2col.unfold(x, ConvGeometry.square(5, 1, 0, 1)));
        assertTrue(e.getMessage().contains("[1,1,2,2]"), e.getMessage());
    }
}
