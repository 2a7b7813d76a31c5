package dev.sinapsis.spark;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.data.SequenceDataset;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import java.io.Serializable;

/**
 * The examples {@code [from, from + size())} of a training set, copied into flat arrays so that
 * Spark can ship them to an executor, where they stay cached: one block per partition. A
 * {@link Dataset} itself, so a worker collates its share of a batch with the same
 * {@code DataLoader} as a single process.
 *
 * @param from    index of the first example in the whole training set
 * @param shape   one example's input shape
 * @param floats  the inputs for F32 examples (images), else null
 * @param longs   the inputs for I64 examples (token ids), else null
 * @param targets the labels
 * @param classes number of classes
 * @param lengths the real steps of each example of a {@link SequenceDataset} (texts), else null
 */
public record ExampleBlock(int from, int[] shape, float[] floats, long[] longs, long[] targets, int classes,
                           int[] lengths) implements Dataset, Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies examples {@code [from, to)} of {@code data}. */
    public static ExampleBlock of(Dataset data, int from, int to) {
        int numel = data.inputShape().numel();
        int n = to - from;
        float[] f = data.inputType() == DType.F32 ? new float[n * numel] : null;
        long[] l = data.inputType() == DType.I64 ? new long[n * numel] : null;
        if (f == null && l == null) {
            throw new IllegalArgumentException("examples of type " + data.inputType() + " cannot be distributed"
                    + " (F32 images or I64 token ids only)");
        }
        long[] t = new long[n];
        int[] lengths = data instanceof SequenceDataset ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            data.copyInput(from + i, f != null ? f : l, i * numel);
            t[i] = data.target(from + i);
            if (lengths != null) {
                lengths[i] = ((SequenceDataset) data).length(from + i);
            }
        }
        return new ExampleBlock(from, data.inputShape().toArray(), f, l, t, data.numClasses(), lengths);
    }

    /**
     * The block as the kind of data set it was copied from: itself, or for texts a
     * {@link SequenceDataset} view that also has each example's length (so batches carry their
     * lengths, as a single process's do).
     */
    public Dataset examples() {
        if (lengths == null) {
            return this;
        }
        ExampleBlock block = this;
        return new SequenceDataset() {
            @Override
            public int length(int index) {
                return lengths[index];
            }

            @Override
            public int size() {
                return block.size();
            }

            @Override
            public Shape inputShape() {
                return block.inputShape();
            }

            @Override
            public DType inputType() {
                return block.inputType();
            }

            @Override
            public void copyInput(int index, Object dst, int offset) {
                block.copyInput(index, dst, offset);
            }

            @Override
            public long target(int index) {
                return block.target(index);
            }

            @Override
            public int numClasses() {
                return block.numClasses();
            }
        };
    }

    /** Whether example {@code index} of the whole training set is in this block. */
    public boolean holds(int index) {
        return index >= from && index < from + targets.length;
    }

    @Override
    public int size() {
        return targets.length;
    }

    @Override
    public Shape inputShape() {
        return Shape.of(shape);
    }

    @Override
    public DType inputType() {
        return floats != null ? DType.F32 : DType.I64;
    }

    @Override
    public void copyInput(int index, Object dst, int offset) {
        int numel = inputShape().numel();
        System.arraycopy(floats != null ? floats : longs, index * numel, dst, offset, numel);
    }

    @Override
    public long target(int index) {
        return targets[index];
    }

    @Override
    public int numClasses() {
        return classes;
    }
}
