package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/**
 * A finite, indexable set of labelled examples held on the host. A {@link DataLoader} collates
 * examples into batches by copying each one into a batch array, so datasets never allocate per
 * example.
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** Shape of one input example (without the batch axis). */
    Shape inputShape();

    /** Element type of the inputs: F32 for images, I64 for token ids. */
    DType inputType();

    /**
     * Copies example {@code index}'s input into {@code dst} (a host array of {@link #inputType()})
     * starting at {@code offset}; it fills {@code inputShape().numel()} elements.
     */
    void copyInput(int index, Object dst, int offset);

    /** The class label of example {@code index}. */
    long target(int index);

    /** Number of classes the labels range over. */
    int numClasses();

    /** A view of examples {@code [from, to)} of this dataset (no copy). */
    default Dataset subset(int from, int to) {
        return Subset.of(this, from, to);
    }

    /** A view of the examples at {@code indices}, in that order (the array is copied, the examples are not). */
    default Dataset select(int[] indices) {
        return Subset.select(this, indices);
    }
}
