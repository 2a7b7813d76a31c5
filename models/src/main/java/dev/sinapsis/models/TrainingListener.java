package dev.sinapsis.models;

/** Receives a {@link Trainer}'s progress; every method has an empty default. */
public interface TrainingListener {
    /** Training of 1-based {@code epoch} of {@code epochs} starts: {@code batches} batches, {@code samples} examples. */
    default void epochStarted(int epoch, int epochs, int batches, int samples) {
    }

    /**
     * A training batch is done.
     *
     * @param samplesSoFar examples seen in this epoch so far
     * @param meanLoss     mean loss over the epoch so far
     * @param accuracy     training accuracy over the epoch so far
     * @param samplesPerSec examples per second so far in this epoch
     */
    default void batchDone(int samplesSoFar, double meanLoss, double accuracy, double samplesPerSec) {
    }

    /** The epoch is trained and evaluated. */
    default void epochDone(EpochStats stats, int epochs) {
    }

    /** A note for the user (checkpoint written, early stop, resume). */
    default void message(String text) {
    }
}
