package dev.sinapsis.models;

import java.util.Map;

/** Receives a {@link Trainer}'s progress; every method has an empty default. */
public interface TrainingListener {
    /** Training of 1-based {@code epoch} of {@code epochs} starts: {@code batches} batches, {@code samples} examples. */
    default void epochStarted(int epoch, int epochs, int batches, int samples) {
    }

    /**
     * A training batch is done; the default passes a classifier's figures ({@code loss},
     * {@code accuracy}; NaN where the task has none) to {@link #batchDone(int, double, double, double)}.
     *
     * @param samplesSoFar  examples seen in this epoch so far
     * @param figures       the task's training figures: means over the epoch so far, in the task's order
     * @param samplesPerSec examples per second so far in this epoch
     */
    default void batchDone(int samplesSoFar, Map<String, Double> figures, double samplesPerSec) {
        batchDone(samplesSoFar, figures.getOrDefault("loss", Double.NaN), figures.getOrDefault("accuracy", Double.NaN),
                samplesPerSec);
    }

    /**
     * A training batch of a classifier is done.
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
