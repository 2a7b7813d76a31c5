package dev.sinapsis.backend;

/**
 * Optional capability: one direction of an LSTM layer over a whole sequence, forward and backward,
 * in one call each (what cuDNN's {@code RNNForward} is to a loop of cells). The recurrence is
 * {@link LstmCellOps}' cell applied step after step: with the input gates of every step
 * {@code inputGates} ({@code [T, B, 4H]}: {@code x_t W_ih^T + b_ih + b_hh}, PyTorch's gate order
 * i, f, g, o) and the recurrent weight {@code wHh} ({@code [4H, H]}), for {@code s = 0 .. T-1} and
 * {@code t = reverse ? T-1-s : s}, from {@code (h, c) = (h0, c0)}:
 * <pre>
 *   if t &lt; lengths[b]:  (h, c) = cell(inputGates[t, b] + h W_hh^T, c)   (act[t, b] = the activated gates)
 *   else:               (h, c) unchanged                                 (act[t, b] = 0)
 *   hs[t, b] = h;  cs[t, b] = c
 * </pre>
 * so a sequence shorter than {@code T} carries its state through its padded steps, and the final
 * state is {@code hs[T-1]} (or {@code hs[0]} in reverse). {@code lengths} may be {@code null} (every
 * sequence has {@code T} steps). The cell follows {@link LstmCellOps}' rules on clamping and tiny
 * values (no subnormal is written), and its gates are the sum of the two operands rounded to the
 * dtype, as the composite forms them.
 *
 * <p>{@code dev.sinapsis.tensor.FusedLstmSequence} uses it; the loop of the recurrent layer (a matmul
 * and the cell per step) stays the reference the conformance suite compares it with, forward and
 * backward. A backend offers it to run the recurrence without a round of kernel launches, tape
 * entries and thread hand-offs per step; the weight gradient is not part of it (the layer takes it
 * as one product over all steps from {@code gradGates} and {@code hs}).
 */
public interface LstmSequenceOps extends Capability {
    /**
     * The forward pass. {@code inputGates} ({@code [T, B, 4H]}), {@code wHh} ({@code [4H, H]}),
     * {@code h0} and {@code c0} ({@code [B, H]}) have any strides; {@code hs} and {@code cs}
     * ({@code [T, B, H]}) and {@code act} ({@code [T, B, 4H]}, saved for {@link #lstmSequenceBackward})
     * are contiguous and overlap nothing. One floating dtype; {@code T}, {@code B}, {@code H} positive;
     * {@code lengths}, when given, has {@code B} entries in {@code [1, T]}.
     */
    void lstmSequence(View hs, View cs, View act, View inputGates, View wHh, View h0, View c0, int[] lengths,
                      boolean reverse);

    /**
     * The backward pass, from the gradients {@code gradHs} and {@code gradCs} of {@code hs} and
     * {@code cs} ({@code [T, B, H]}, contiguous): walks the steps in the opposite order, each real step
     * by {@link LstmCellOps#lstmCellBackward}'s formulas with {@code gradH} its gradient of {@code hs}
     * plus {@code d gates W_hh} of the step after it (and {@code gradC} likewise plus {@code dc f});
     * a padded step passes both on unchanged and has zero gate gradients. Writes {@code gradGates}
     * ({@code [T, B, 4H]}, the gradient of {@code inputGates}), {@code gradH0} and {@code gradC0}
     * ({@code [B, H]}), all contiguous. {@code act}, {@code cs} are the forward's; {@code wHh} and
     * {@code c0} have any strides.
     */
    void lstmSequenceBackward(View gradGates, View gradH0, View gradC0, View gradHs, View gradCs, View act, View cs,
                              View wHh, View c0, int[] lengths, boolean reverse);
}
