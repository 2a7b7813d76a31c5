package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.Tensor;

/**
 * Test access to the composite (primitive-op) forms of the activations that a backend may fuse,
 * so the conformance suite can compare a fused kernel with its reference on the same backend.
 */
public final class Composites {
    private Composites() {
    }

    /** {@link Activations#softmax} as the composite of primitives, whatever the backend offers. */
    public static Tensor softmax(Tensor x, int axis) {
        return Activations.softmaxComposite(x, axis);
    }

    /** {@link Activations#logSoftmax} as the composite of primitives, whatever the backend offers. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return Activations.logSoftmaxComposite(x, axis);
    }

    /** Max pooling as the composite (unfold, argmax, gather), whatever the backend offers. */
    public static Pooling.MaxPoolResult maxPool2d(Tensor x, dev.sinapsis.backend.ConvGeometry g) {
        return Pooling.maxPoolComposite(x, g, true);
    }
}
