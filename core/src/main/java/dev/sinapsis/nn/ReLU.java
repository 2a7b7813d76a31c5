package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** {@code max(x, 0)}; see {@link Activations#relu}. */
public final class ReLU extends Activation {
    /** The activation. */
    public ReLU() {
        super("ReLU()", Activations::relu);
    }
}
