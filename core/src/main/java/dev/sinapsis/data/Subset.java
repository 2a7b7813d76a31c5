package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/** A contiguous range of another dataset's examples. */
final class Subset implements Dataset {
    private final Dataset base;
    private final int from;
    private final int size;

    private Subset(Dataset base, int from, int size) {
        this.base = base;
        this.from = from;
        this.size = size;
    }

    static Dataset of(Dataset base, int from, int to) {
        if (from < 0 || to > base.size() || from > to) {
            throw new IllegalArgumentException("subset: range [" + from + ", " + to + ") is outside a dataset of "
                    + base.size() + " examples");
        }
        return new Subset(base, from, to - from);
    }

    @Override
    public int size() {
        return size;
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
        base.copyInput(from + check(index), dst, offset);
    }

    @Override
    public long target(int index) {
        return base.target(from + check(index));
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("subset: index " + index + " outside [0, " + size + ")");
        }
        return index;
    }
}
