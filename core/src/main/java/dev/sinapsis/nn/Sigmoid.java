package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Logistic sigmoid; see {@link Activations#sigmoid}. */
public final class Sigmoid extends Activation {
    /** The activation. */
    public Sigmoid() {
        super("Sigmoid()", Activations::sigmoid);
    }
}
