package dev.sinapsis.examples.regression;

import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/** Design matrices: the features with a column of ones for the bias. */
final class Design {
    private Design() {
    }

    /** {@code [x | 1]} for features {@code x} ({@code [n, d]}): {@code [n, d + 1]}. */
    static Tensor withBias(Tensor x) {
        return Tensor.concat(1, x, Tensor.ones(Shape.of(x.dim(0), 1), x.dtype()));
    }

    /** A weight vector as a column tensor {@code [d + 1, 1]} of {@code like}'s dtype. */
    static Tensor column(double[] w, Tensor like) {
        return Tensor.of(w, w.length, 1).to(like.dtype());
    }

    /** A column tensor as doubles. */
    static double[] values(Tensor w) {
        return w.to(dev.sinapsis.tensor.DType.F64).toDoubleArray();
    }
}
