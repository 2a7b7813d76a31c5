package dev.sinapsis.data;

import dev.sinapsis.tensor.Tensor;

/**
 * One collated batch: inputs {@code [B, ...inputShape]} and I64 class targets {@code [B]}.
 * Closing it releases both tensors.
 *
 * @param inputs  the inputs
 * @param targets the labels
 * @param index   position of this batch within its epoch
 */
public record Batch(Tensor inputs, Tensor targets, int index) implements AutoCloseable {
    /** Number of examples. */
    public int size() {
        return targets.dim(0);
    }

    @Override
    public void close() {
        inputs.close();
        targets.close();
    }
}
