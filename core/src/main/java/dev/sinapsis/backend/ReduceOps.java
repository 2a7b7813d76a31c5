package dev.sinapsis.backend;

/** Reductions over trailing axes. */
public interface ReduceOps {
    /**
     * Reduces the trailing {@code in.rank() - out.rank()} dimensions of {@code in}. The core
     * permutes the reduced axes to the end (a free view) before calling, so {@code out}'s shape
     * equals the leading dimensions of {@code in}. {@code out} is contiguous. Reducing zero
     * elements gives 0 for SUM and 1 for PROD; the core rejects empty MAX/MIN/ARG reductions.
     */
    void reduce(ReduceOp op, View out, View in);
}
