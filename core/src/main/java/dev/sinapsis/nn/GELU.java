package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Gaussian error linear unit; see {@link Activations#gelu(dev.sinapsis.tensor.Tensor, boolean)}. */
public final class GELU extends Activation {
    /** The exact form {@code x * Phi(x)} (PyTorch's default). */
    public GELU() {
        this(false);
    }

    /** The exact form, or with {@code tanhApproximation} PyTorch's {@code approximate="tanh"}. */
    public GELU(boolean tanhApproximation) {
        super("GELU(approximate=" + (tanhApproximation ? "tanh" : "none") + ")",
                x -> Activations.gelu(x, tanhApproximation));
    }
}
