package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/** A {@link Subset} of a {@link SequenceDataset}, keeping each example's length. */
final class SequenceSubset implements SequenceDataset {
    private final SequenceDataset base;
    private final Subset view;

    private SequenceSubset(SequenceDataset base, Subset view) {
        this.base = base;
        this.view = view;
    }

    static SequenceDataset of(SequenceDataset base, Dataset view) {
        return new SequenceSubset(base, (Subset) view);
    }

    @Override
    public int length(int index) {
        return base.length(view.baseIndex(index));
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public Shape inputShape() {
        return view.inputShape();
    }

    @Override
    public DType inputType() {
        return view.inputType();
    }

    @Override
    public void copyInput(int index, Object dst, int offset) {
        view.copyInput(index, dst, offset);
    }

    @Override
    public long target(int index) {
        return view.target(index);
    }

    @Override
    public int numClasses() {
        return view.numClasses();
    }
}
