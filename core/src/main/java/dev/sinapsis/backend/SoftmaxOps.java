package dev.sinapsis.backend;

/**
 * An optional fused fast path: softmax and log-softmax over the last dimension in one kernel.
 * {@link Backend} does not extend it; a backend offers it through {@link Backend#capability}, and the core then runs the forward pass here instead of
 * the composite of primitives (which stays the reference; the conformance suite compares the two).
 * Gradients are recorded by the core in tensor ops, so a backend implements the forward only.
 */
public interface SoftmaxOps extends Capability {
    /**
     * {@code out = softmax(in)} (or {@code log_softmax(in)} when {@code log}) along the last
     * dimension, computed stably: each row's maximum is subtracted before exponentiating. {@code in}
     * has any strides; {@code out} is contiguous, of the same shape and floating dtype (F32 or F64),
     * and does not overlap {@code in}. The core calls it only for a rank of at least 1 and at least
     * one element.
     */
    void softmax(View out, View in, boolean log);
}
