package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batches as tensors of the backend under test: contents, determinism, the last batch, an
 * abandoned epoch, errors from the producer thread.
 */
public abstract class DataLoaderContract extends BackendTestBase {
    private static Dataset numbers(int n) {
        float[] x = new float[n * 2];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 3;
        }
        return new ArrayDataset(x, Shape.of(2), y, 3);
    }

    private static List<float[]> run(DataLoader loader, int epoch) {
        List<float[]> out = new ArrayList<>();
        for (Batch b : loader.epoch(epoch)) {
            try (b) {
                assertSame(Backends.current(), b.inputs().backend(), "inputs on the consumer's backend");
                assertSame(Backends.current(), b.targets().backend(), "targets on the consumer's backend");
                float[] x = b.inputs().toFloatArray();
                long[] y = b.targets().toLongArray();
                for (int i = 0; i < b.size(); i++) {
                    assertEquals(0f, x[2 * i] + x[2 * i + 1], 0f);
                    assertEquals((long) x[2 * i] % 3, y[i], "label travels with its example");
                }
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void batchesCoverTheDatasetInTheSeededOrder() {
        DataLoader loader = DataLoader.builder(numbers(50)).batchSize(8).shuffle(true).seed(7).build();
        List<float[]> first = run(loader, 2);
        List<float[]> again = run(DataLoader.builder(numbers(50)).batchSize(8).shuffle(true).seed(7).build(), 2);
        assertEquals(7, first.size());
        assertEquals(2 * 2, first.get(6).length, "the last batch keeps the remainder");
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i));
        }
        int[] order = loader.order(2);
        assertEquals(order[8], (int) first.get(1)[0]);
        boolean[] seen = new boolean[50];
        for (float[] b : first) {
            for (int i = 0; i < b.length; i += 2) {
                seen[(int) b[i]] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void dropLastAndUnshuffledOrder() {
        List<float[]> batches = run(DataLoader.builder(numbers(50)).batchSize(8).dropLast(true).build(), 0);
        assertEquals(6, batches.size());
        assertEquals(8f, batches.get(1)[0], 0f, "unshuffled: batch 1 starts at example 8");
    }

    @Test
    void anAbandonedEpochDoesNotBlockTheNext() {
        DataLoader loader = DataLoader.builder(numbers(1000)).batchSize(10).prefetch(1).build();
        for (Batch b : loader.epoch(0)) {
            b.close();
            break;
        }
        assertEquals(100, run(loader, 1).size());
    }

    @Test
    void anErrorInTheDatasetReachesTheConsumer() {
        Dataset failing = new Dataset() {
            public int size() {
                return 4;
            }

            public Shape inputShape() {
                return Shape.of(2);
            }

            public dev.sinapsis.tensor.DType inputType() {
                return dev.sinapsis.tensor.DType.F32;
            }

            public void copyInput(int index, Object dst, int offset) {
                if (index == 3) {
                    throw new IllegalStateException("example 3 is unreadable");
                }
            }

            public long target(int index) {
                return 0;
            }

            public int numClasses() {
                return 1;
            }
        };
        DataLoader loader = DataLoader.builder(failing).batchSize(2).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(loader, 0));
        assertEquals("example 3 is unreadable", e.getMessage());
    }

    /** Five token sequences padded to 6 steps: example i has length i + 1 and tokens 10i+1, 10i+2, ... */
    static SequenceDataset sequences() {
        int n = 5;
        int max = 6;
        long[] tokens = new long[n * max];
        long[] labels = new long[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = i + 1;
            labels[i] = i % 2;
            for (int t = 0; t < lengths[i]; t++) {
                tokens[i * max + t] = 10L * i + t + 1;
            }
        }
        ArrayDataset base = new ArrayDataset(tokens, Shape.of(max), labels, 2);
        return new SequenceDataset() {
            public int length(int index) {
                return lengths[index];
            }

            public int size() {
                return n;
            }

            public Shape inputShape() {
                return base.inputShape();
            }

            public dev.sinapsis.tensor.DType inputType() {
                return base.inputType();
            }

            public void copyInput(int index, Object dst, int offset) {
                base.copyInput(index, dst, offset);
            }

            public long target(int index) {
                return base.target(index);
            }

            public int numClasses() {
                return 2;
            }
        };
    }

    @Test
    void sequenceBatchesAreCutToTheirLongestSequenceAndCarryTheLengths() {
        SequenceDataset data = sequences();
        List<Batch> batches = new ArrayList<>();
        DataLoader loader = DataLoader.builder(data).batchSize(2).sampler(new BatchSampler() {
            public int batchesPerEpoch() {
                return 2;
            }

            public int[][] batches(int epoch) {
                return new int[][] {{3, 0}, {1, 2}};
            }
        }).build();
        for (Batch b : loader.epoch(0)) {
            batches.add(b);
        }
        assertEquals(Shape.of(2, 4), batches.get(0).inputs().shape(), "4 steps: the longest of lengths 4 and 1");
        assertArrayEquals(new long[] {31, 32, 33, 34, 1, 0, 0, 0}, batches.get(0).inputs().toLongArray());
        assertArrayEquals(new int[] {4, 1}, batches.get(0).lengths());
        assertArrayEquals(new long[] {1, 0}, batches.get(0).targets().toLongArray());
        assertEquals(Shape.of(2, 3), batches.get(1).inputs().shape());
        assertArrayEquals(new int[] {2, 3}, batches.get(1).lengths());
        batches.forEach(Batch::close);

        List<Batch> rest = new ArrayList<>();
        for (Batch b : loader.epoch(0, 1)) {
            rest.add(b);
        }
        assertEquals(1, rest.size(), "epoch(0, 1) starts at batch 1");
        assertEquals(1, rest.get(0).index());
        assertArrayEquals(new int[] {2, 3}, rest.get(0).lengths());
        rest.forEach(Batch::close);
        SequenceDataset picked = data.select(new int[] {4, 1});
        assertEquals(5, picked.length(0));
        assertEquals(2, picked.subset(1, 2).length(0), "subsets keep the lengths");
    }

    @Test
    void aMidEpochStartGivesTheRestOfTheSameEpoch() {
        DataLoader loader = DataLoader.builder(numbers(50)).batchSize(8).shuffle(true).seed(3).build();
        List<float[]> all = run(loader, 4);
        List<float[]> tail = new ArrayList<>();
        for (Batch b : loader.epoch(4, 5)) {
            try (b) {
                tail.add(b.inputs().toFloatArray());
            }
        }
        assertEquals(2, tail.size());
        assertArrayEquals(all.get(5), tail.get(0));
        assertArrayEquals(all.get(6), tail.get(1));
    }
}
