package dev.sinapsis.data;

/**
 * Decides which examples form each batch of an epoch. The batches of an epoch must depend only on
 * the sampler's settings and the epoch number, so a run resumed in the middle of an epoch can skip
 * the batches already trained and see exactly the rest.
 */
public interface BatchSampler {
    /** The number of batches every epoch has. */
    int batchesPerEpoch();

    /** The example indices of every batch of {@code epoch}, in training order. */
    int[][] batches(int epoch);
}
