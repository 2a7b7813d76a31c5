package dev.sinapsis.data;

import dev.sinapsis.tensor.Tensor;

/**
 * One collated batch: inputs {@code [B, ...inputShape]} and I64 class targets {@code [B]}, and
 * for a {@link SequenceDataset} each example's length. Closing it releases both tensors.
 *
 * @param inputs  the inputs; for sequences {@code [B, T, ...]} with {@code T} the longest length
 *                in the batch (shorter examples padded as their dataset padded them)
 * @param targets the labels
 * @param index   position of this batch within its epoch
 * @param lengths each example's length (for a {@link SequenceDataset}), or null
 */
public record Batch(Tensor inputs, Tensor targets, int index, int[] lengths) implements AutoCloseable {
    /** A batch of fixed-size examples (no lengths). */
    public Batch(Tensor inputs, Tensor targets, int index) {
        this(inputs, targets, index, null);
    }

    /** Number of examples. */
    public int size() {
        return targets.dim(0);
    }

    /** Whether the batch carries per-example {@link #lengths()}. */
    public boolean hasLengths() {
        return lengths != null;
    }

    @Override
    public void close() {
        inputs.close();
        targets.close();
    }
}
