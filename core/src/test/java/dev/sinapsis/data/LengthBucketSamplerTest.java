package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.text.TextDataset;
import dev.sinapsis.data.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBucketSamplerTest {
    /** 1,000 texts of random lengths 1..300. */
    private static SequenceDataset texts() {
        Random r = new Random(5);
        List<List<String>> docs = new ArrayList<>();
        long[] labels = new long[1000];
        for (int i = 0; i < 1000; i++) {
            int n = 1 + r.nextInt(300);
            docs.add(new ArrayList<>(java.util.Collections.nCopies(n, "w")));
            labels[i] = i % 2;
        }
        return TextDataset.encode(docs, labels, 2, Vocabulary.build(docs, 10, 1), 300, TextDataset.Keep.START);
    }

    private static long padding(SequenceDataset d, int[][] batches) {
        long pad = 0;
        for (int[] b : batches) {
            int max = Arrays.stream(b).map(d::length).max().orElseThrow();
            for (int i : b) {
                pad += max - d.length(i);
            }
        }
        return pad;
    }

    @Test
    void everyExampleOnceInBatchesOfSimilarLengthsSeededPerEpoch() {
        SequenceDataset d = texts();
        LengthBucketSampler s = LengthBucketSampler.shuffled(d, 32, 7, 10);
        int[][] e1 = s.batches(1);
        assertEquals(s.batchesPerEpoch(), e1.length);
        assertEquals(32, e1.length, "3 pools of 10 batches of 32, and 40 examples in 2 more batches");
        int[] all = Arrays.stream(e1).flatMapToInt(Arrays::stream).sorted().toArray();
        int[] expected = new int[1000];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, all, "every example exactly once");

        int[][] again = LengthBucketSampler.shuffled(d, 32, 7, 10).batches(1);
        assertTrue(Arrays.deepEquals(e1, again), "the same seed and epoch give the same batches");
        assertFalse(Arrays.deepEquals(e1, s.batches(2)), "another epoch, other batches");
        assertFalse(Arrays.deepEquals(e1, LengthBucketSampler.shuffled(d, 32, 8, 10).batches(1)), "another seed");

        int[][] plain = DataLoader.builder(d).batchSize(32).shuffle(true).seed(7).build().batches(1);
        assertTrue(padding(d, e1) * 5 < padding(d, plain), "buckets pad " + padding(d, e1) + " steps, random batches "
                + padding(d, plain));
    }

    @Test
    void sortedCoversTheDataByLength() {
        SequenceDataset d = texts();
        int[][] b = LengthBucketSampler.sorted(d, 100).batches(0);
        assertEquals(10, b.length);
        int[] flat = Arrays.stream(b).flatMapToInt(Arrays::stream).toArray();
        for (int i = 1; i < flat.length; i++) {
            assertTrue(d.length(flat[i - 1]) <= d.length(flat[i]));
        }
        assertEquals(1000, Arrays.stream(flat).distinct().count());
    }
}
