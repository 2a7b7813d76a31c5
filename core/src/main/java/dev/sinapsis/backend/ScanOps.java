package dev.sinapsis.backend;

/** Prefix sums along the last dimension (the core moves any axis last with a free view). */
public interface ScanOps {
    /**
     * Inclusive prefix sums of {@code in} along its last dimension:
     * {@code out[..., i] = in[..., 0] + ... + in[..., i]}, or with {@code reverse} the suffix sums
     * {@code out[..., i] = in[..., i] + ... + in[..., n-1]}. {@code in} has any strides and one of
     * F32, F64, I32, I64; {@code out} is contiguous, of the same shape and dtype, and does not
     * overlap {@code in}. Each row is summed in order; F32 accumulates in double where the device
     * has it (results may differ from another backend in the last bits, never in the order of
     * summation). Empty and 0-d inputs are handled by the core.
     */
    void cumsum(View out, View in, boolean reverse);
}
