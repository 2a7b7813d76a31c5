package dev.sinapsis.models;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/**
 * The examples of an epoch still to train on after a mid-epoch checkpoint, in the epoch's own
 * order: batching it unshuffled gives exactly the batches the interrupted epoch had left.
 */
final class EpochRemainder implements Dataset {
    private final Dataset base;
    private final int[] indices;

    /** Examples {@code order[from..]} of {@code base}. */
    EpochRemainder(Dataset base, int[] order, int from) {
        this.base = base;
        this.indices = java.util.Arrays.copyOfRange(order, Math.min(from, order.length), order.length);
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Shape inputShape() {
        return base.inputShape();
    }

    @Override
    public DType inputType() {
        return base.inputType();
    }

    @Override
    public void copyInput(int index, Object dst, int offset) {
        base.copyInput(indices[index], dst, offset);
    }

    @Override
    public long target(int index) {
        return base.target(indices[index]);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }
}
