package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;

/**
 * Optional capability: the pointwise part of an LSTM cell, forward and backward, each in one pass.
 * With the pre-activations {@code gates = x W_ih^T + b_ih + h W_hh^T + b_hh} ({@code [B, 4H]}, in
 * PyTorch's order i, f, g, o) and the previous cell state {@code cPrev} ({@code [B, H]}):
 * <pre>
 *   i = sigmoid(gates_i)   f = sigmoid(gates_f)   g = tanh(gates_g)   o = sigmoid(gates_o)
 *   c = f * cPrev + i * g  h = o * tanh(c)
 * </pre>
 * {@code dev.sinapsis.tensor.FusedLstmCell} uses it; the composite of sigmoid, tanh, mul and add
 * stays the reference the conformance suite compares it with, forward and backward.
 *
 * <p><b>Subnormals.</b> Saturated gates make sigmoid and its derivative tiny, and products of tiny
 * numbers go subnormal; x86 processes subnormal operands or results 30 to 100 times slower, and the
 * JVM cannot set flush-to-zero. Implementations therefore never form nor write one:
 * <ul>
 *   <li>Every value read ({@code gates}, {@code cPrev}, {@code gradH}, {@code gradC}) or written
 *       ({@code h}, {@code c}, the activated gates, both gradients) whose magnitude is below
 *       {@link #tiny} ({@code 2^-100 ≈ 7.9e-31} for F32, {@code 2^-300 ≈ 4.9e-91} for F64) is taken as
 *       0: an absolute error below that bound per value, negligible next to either type's resolution
 *       near 1. Outputs are thus never subnormal, and their products with factors down to
 *       {@code 2^-26} (F32) in the next op (the recurrent matmul) stay normal as well.</li>
 *   <li>Pre-activations are clamped to {@code [-80, 80]} for F32 and {@code [-100, 100]} for F64
 *       ({@link #clamp}), which changes a sigmoid by less than {@code 1.9e-35} (F32) or
 *       {@code 3.8e-44} (F64) and tanh not at all (it is ±1 there in double).</li>
 *   <li>F32 is computed in double. With both rules, every product the kernel forms stays above
 *       {@code 2^-600} (F32 in double) or {@code 2^-945} (F64): normal.</li>
 * </ul>
 * A device that cannot compute F32 in double (no fp64) may form subnormal intermediates, but still
 * writes none.
 */
public interface LstmCellOps extends Capability {
    /** Bound of the pre-activations' clamp for {@code dtype}: 80 for F32 (computed in double), 100 for F64. */
    static double clamp(DType dtype) {
        return dtype == DType.F32 ? 80 : 100;
    }

    /** Magnitude below which a value read or written is 0: {@code 2^-100} for F32, {@code 2^-300} for F64. */
    static double tiny(DType dtype) {
        return dtype == DType.F32 ? 0x1p-100 : 0x1p-300;
    }

    /**
     * The forward pass. {@code gates} ({@code [B, 4H]}) and {@code cPrev} ({@code [B, H]}) have any
     * strides; {@code h} and {@code c} ({@code [B, H]}) and {@code act} ({@code [B, 4H]}: the activated
     * gates i, f, g, o, saved for {@link #lstmCellBackward}) are contiguous and do not overlap the
     * inputs or each other. All have the same floating dtype; {@code B} and {@code H} are positive.
     */
    void lstmCell(View h, View c, View act, View gates, View cPrev);

    /**
     * The backward pass, from the gradients {@code gradH} and {@code gradC} of {@code h} and {@code c}:
     * <pre>
     *   dc = gradC + gradH * o * (1 - tanh(c)^2)
     *   d gates_i = dc * g * i (1 - i)       d gates_f = dc * cPrev * f (1 - f)
     *   d gates_g = dc * i * (1 - g^2)       d gates_o = gradH * tanh(c) * o (1 - o)
     *   gradCPrev = dc * f
     * </pre>
     * {@code gradGates} ({@code [B, 4H]}) and {@code gradCPrev} ({@code [B, H]}) are contiguous outputs;
     * {@code gradH}, {@code gradC}, {@code c} ({@code [B, H]}) and {@code act} ({@code [B, 4H]}, from the
     * forward) are contiguous; {@code cPrev} has any strides.
     */
    void lstmCellBackward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c, View cPrev);
}
