package dev.sinapsis.backend;

/** Counter-based random fills. */
public interface RandomOps {
    /**
     * Fills the contiguous {@code out} so that element {@code i} equals the value
     * {@link dev.sinapsis.tensor.Philox} defines for {@code (seed, offset + i)} and the
     * distribution: the same arguments give the same bits on every backend.
     */
    void random(Distribution distribution, View out, long seed, long offset, double a, double b);
}
