package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Hyperbolic tangent; see {@link Activations#tanh}. */
public final class Tanh extends Activation {
    /** The activation. */
    public Tanh() {
        super("Tanh()", Activations::tanh);
    }
}
