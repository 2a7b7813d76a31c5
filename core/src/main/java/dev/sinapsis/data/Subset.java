package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/** Some of another dataset's examples, in a given order: a range, or any list of indices. */
final class Subset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    private Subset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices;
    }

    static Dataset of(Dataset base, int from, int to) {
        if (from < 0 || to > base.size() || from > to) {
            throw new IllegalArgumentException("subset: range [" + from + ", " + to + ") is outside a dataset of "
                    + base.size() + " examples");
        }
        int[] range = new int[to - from];
        for (int i = 0; i < range.length; i++) {
            range[i] = from + i;
        }
        return new Subset(base, range);
    }

    static Dataset select(Dataset base, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException("select: index " + i + " is outside a dataset of " + base.size()
                        + " examples");
            }
        }
        return new Subset(base, indices.clone());
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
        base.copyInput(indices[check(index)], dst, offset);
    }

    @Override
    public long target(int index) {
        return base.target(indices[check(index)]);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    /** The index in the base dataset of this subset's example {@code index}. */
    int baseIndex(int index) {
        return indices[check(index)];
    }

    private int check(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("subset: index " + index + " outside [0, " + indices.length + ")");
        }
        return index;
    }
}
