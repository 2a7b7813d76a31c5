package dev.sinapsis.backend;

/**
 * Optional capability: activations in one pass each, instead of the composite's comparison into a
 * BOOL tensor, a multiplication and a select. ReLU's backward (PyTorch's {@code threshold_backward} at
 * 0) is used by {@code Tensor.relu}'s recorded backward when nothing records (the engine runs backward
 * without recording); leaky ReLU's forward by {@code Activations.leakyRelu}, and its backward likewise
 * when nothing records. The composites ({@code where(x > 0, grad, 0)}, {@code where(x > 0, x, slope * x)},
 * {@code where(x > 0, grad, slope * grad)}) stay the reference the conformance suite compares them with.
 *
 * <p>All views given are contiguous, of one shape and one floating dtype (F32 or F64); {@code out}
 * does not overlap the inputs and is overwritten. {@code slope} is rounded to the dtype before use,
 * as the composite's scalar is.
 */
public interface ActivationOps extends Capability {
    /**
     * {@code out[i] = x[i] > 0 ? grad[i] : 0}: 0 where {@code x} is 0, -0, negative or NaN, the gradient
     * unchanged (NaN and infinities included) elsewhere.
     */
    void reluBackward(View out, View grad, View x);

    /**
     * Leaky ReLU, {@code out[i] = x[i] > 0 ? x[i] : slope * x[i]} (so NaN stays NaN, -0 gives
     * {@code slope * -0}).
     */
    void leakyRelu(View out, View x, double slope);

    /** Leaky ReLU's backward, {@code out[i] = x[i] > 0 ? grad[i] : slope * grad[i]}. */
    void leakyReluBackward(View out, View grad, View x, double slope);
}
