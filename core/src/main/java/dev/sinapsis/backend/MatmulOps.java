package dev.sinapsis.backend;

/** Batched matrix multiply. */
public interface MatmulOps {
    /**
     * {@code out[..., m, n] = sum_k a[..., m, k] * b[..., k, n]} for F32 or F64.
     *
     * <p>{@code a} is {@code [B..., M, K]}, {@code b} is {@code [B..., K, N]} and {@code out} is a
     * contiguous {@code [B..., M, N]}; batch dimensions are equal (the core broadcasts them with
     * stride 0). Operands may have any strides: a transposed matrix (unit stride on the row axis)
     * should be consumed without a copy where the kernel allows.
     * Every element of {@code out} is written (zeros when {@code K} is 0): the core hands it memory
     * allocated for overwriting, which may hold anything.
     */
    void matmul(View out, View a, View b);
}
