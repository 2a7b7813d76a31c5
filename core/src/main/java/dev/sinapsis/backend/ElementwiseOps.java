package dev.sinapsis.backend;

/**
 * Elementwise kernels over strided views. All operands have the output's shape; broadcasting
 * arrives as stride-0 dimensions, so kernels never materialise it. The output is a fresh
 * contiguous view that does not overlap the inputs.
 */
public interface ElementwiseOps {
    /** {@code out[i] = op(x[i])}. */
    void unary(UnaryOp op, View out, View x);

    /** {@code out[i] = op(a[i], b[i])}. */
    void binary(BinaryOp op, View out, View a, View b);

    /** {@code out[i] = op(a[i], b[i], c[i])}. */
    void ternary(TernaryOp op, View out, View a, View b, View c);
}
