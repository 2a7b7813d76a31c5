package dev.sinapsis.backend;

/** Gather and scatter-add along one axis, with PyTorch's semantics. */
public interface IndexOps {
    /**
     * {@code out[i][j][k] = in[i][index[i][j][k]][k]} (shown for {@code axis == 1}). {@code index}
     * is I64 with {@code out}'s shape; on every other axis {@code in} is at least as large.
     * An index outside {@code [0, in.dim(axis))} throws {@link IndexOutOfBoundsException}
     * naming the op, the index and the size.
     */
    void gather(View out, View in, int axis, View index);

    /**
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]} (shown for {@code axis == 1}),
     * accumulating in place into {@code out}. {@code index} is I64 with {@code src}'s shape.
     */
    void scatterAdd(View out, int axis, View index, View src);
}
