package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Softmax along an axis; see {@link Activations#softmax}. */
public final class Softmax extends Activation {
    /** Along {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        super("Softmax(axis=" + axis + ")", x -> Activations.softmax(x, axis));
    }
}
