package dev.sinapsis.backend;

/**
 * Optional capability: ReLU's backward (PyTorch's {@code threshold_backward} at 0) in one pass, instead
 * of the composite's comparison into a BOOL tensor and a select. {@code Tensor.relu}'s recorded backward
 * uses it when the backend offers it and nothing records (the engine runs backward without
 * recording); the composite {@code where(x > 0, grad, 0)} stays the reference the conformance suite
 * compares it with.
 */
public interface ActivationOps extends Capability {
    /**
     * {@code out[i] = x[i] > 0 ? grad[i] : 0}: 0 where {@code x} is 0, -0, negative or NaN, the gradient
     * unchanged (NaN and infinities included) elsewhere. All three contiguous, of one shape and one
     * floating dtype (F32 or F64); {@code out} does not overlap the inputs and is overwritten.
     */
    void reluBackward(View out, View grad, View x);
}
