package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Exponential linear unit; see {@link Activations#elu}. */
public final class ELU extends Activation {
    /** With PyTorch's default alpha 1. */
    public ELU() {
        this(1.0);
    }

    /** With the given alpha. */
    public ELU(double alpha) {
        super("ELU(alpha=" + alpha + ")", x -> Activations.elu(x, alpha));
    }
}
