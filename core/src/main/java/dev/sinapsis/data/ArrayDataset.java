package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/**
 * Examples stored in one flat host array (row-major, example after example) with one label each.
 */
public final class ArrayDataset implements Dataset {
    private final Object inputs;
    private final DType type;
    private final Shape shape;
    private final int exampleSize;
    private final long[] targets;
    private final int numClasses;

    /**
     * @param inputs     {@code float[]} (F32) or {@code long[]} (I64) of {@code targets.length * shape.numel()} values
     * @param shape      shape of one example
     * @param targets    class labels in {@code [0, numClasses)}
     * @param numClasses number of classes
     */
    public ArrayDataset(Object inputs, Shape shape, long[] targets, int numClasses) {
        this.type = DType.ofHostArray(inputs);
        if (type != DType.F32 && type != DType.I64) {
            throw new IllegalArgumentException("ArrayDataset: inputs must be float[] or long[], got " + type);
        }
        this.inputs = inputs;
        this.shape = shape;
        this.exampleSize = shape.numel();
        this.targets = targets;
        this.numClasses = numClasses;
        long expected = (long) targets.length * exampleSize;
        int actual = java.lang.reflect.Array.getLength(inputs);
        if (actual != expected) {
            throw new IllegalArgumentException("ArrayDataset: " + targets.length + " examples of shape " + shape
                    + " need " + expected + " input values, got " + actual);
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= numClasses) {
                throw new IllegalArgumentException("ArrayDataset: label " + targets[i] + " of example " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
    }

    @Override
    public int size() {
        return targets.length;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public DType inputType() {
        return type;
    }

    @Override
    public void copyInput(int index, Object dst, int offset) {
        System.arraycopy(inputs, index * exampleSize, dst, offset, exampleSize);
    }

    @Override
    public long target(int index) {
        return targets[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }
}
