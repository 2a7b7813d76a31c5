package dev.sinapsis.data;

/**
 * A dataset of variable-length sequences stored padded to a common maximum length: each input is
 * {@code [maxLength, ...]} (its {@link #inputShape()}), of which only the first {@link #length}
 * steps are real. A {@link DataLoader} trims each batch to its longest sequence and passes the
 * lengths on in {@link Batch#lengths()}, so a recurrent layer can ignore the padding.
 */
public interface SequenceDataset extends Dataset {
    /** The number of real steps of example {@code index}, in {@code [1, inputShape().dim(0)]}. */
    int length(int index);

    @Override
    default SequenceDataset subset(int from, int to) {
        return SequenceSubset.of(this, Subset.of(this, from, to));
    }

    @Override
    default SequenceDataset select(int[] indices) {
        return SequenceSubset.of(this, Subset.select(this, indices));
    }
}
