package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** Log-softmax along an axis; see {@link Activations#logSoftmax}. */
public final class LogSoftmax extends Activation {
    /** Along {@code axis} (negative counts from the end). */
    public LogSoftmax(int axis) {
        super("LogSoftmax(axis=" + axis + ")", x -> Activations.logSoftmax(x, axis));
    }
}
