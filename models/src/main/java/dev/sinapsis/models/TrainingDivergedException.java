package dev.sinapsis.models;

/**
 * The run produced a non-finite loss (training or test) or non-finite weights. The {@link Trainer}
 * throws it before the offending update is applied or saved, so the checkpoint in the run
 * directory still holds the last finite state.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message saying what became non-finite, and where. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
