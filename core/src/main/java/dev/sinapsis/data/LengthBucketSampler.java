package dev.sinapsis.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of sequences of similar lengths, so a batch of a {@link SequenceDataset} (cut to its
 * longest sequence) carries little padding, while every epoch still sees a fresh seeded order: the
 * examples are shuffled, taken in pools of {@code poolBatches} batches, each pool sorted by length
 * (stably) and cut into batches, and the batches of the whole epoch shuffled. The batches of an
 * epoch depend only on {@code (seed, epoch)}, as a {@link DataLoader}'s shuffle does.
 *
 * <p>{@link #sorted} gives the evaluation order: every example once, by length, unshuffled.
 */
public final class LengthBucketSampler implements BatchSampler {
    private final SequenceDataset data;
    private final int batchSize;
    private final long seed;
    private final int poolBatches;
    private final boolean shuffle;

    private LengthBucketSampler(SequenceDataset data, int batchSize, long seed, int poolBatches, boolean shuffle) {
        if (batchSize <= 0 || poolBatches <= 0) {
            throw new IllegalArgumentException("batch size and pool size must be positive, got " + batchSize + " and "
                    + poolBatches);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.poolBatches = poolBatches;
        this.shuffle = shuffle;
    }

    /** Shuffled length buckets: pools of {@code poolBatches} batches of {@code batchSize}, seeded by {@code seed}. */
    public static LengthBucketSampler shuffled(SequenceDataset data, int batchSize, long seed, int poolBatches) {
        return new LengthBucketSampler(data, batchSize, seed, poolBatches, true);
    }

    /** Every example once, sorted by length (ties by index), in batches of {@code batchSize}. */
    public static LengthBucketSampler sorted(SequenceDataset data, int batchSize) {
        return new LengthBucketSampler(data, batchSize, 0, Integer.MAX_VALUE / Math.max(1, batchSize), false);
    }

    @Override
    public int batchesPerEpoch() {
        int n = data.size();
        long pool = (long) poolBatches * batchSize;
        long full = n / pool;
        long rest = n - full * pool;
        return (int) (full * poolBatches + (rest + batchSize - 1) / batchSize);
    }

    @Override
    public int[][] batches(int epoch) {
        int n = data.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = data.length(i);
        }
        List<int[]> batches = new ArrayList<>();
        long pool = (long) poolBatches * batchSize;
        for (long from = 0; from < n; from += pool) {
            int to = (int) Math.min(n, from + pool);
            Integer[] members = Arrays.copyOfRange(order, (int) from, to);
            Arrays.sort(members, Comparator.comparingInt(i -> lengths[i])); // stable: ties keep the shuffled order
            for (int b = 0; b < members.length; b += batchSize) {
                int size = Math.min(batchSize, members.length - b);
                int[] batch = new int[size];
                for (int i = 0; i < size; i++) {
                    batch[i] = members[b + i];
                }
                batches.add(batch);
            }
        }
        int[][] out = batches.toArray(new int[0][]);
        if (shuffle) {
            for (int i = out.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int[] t = out[i];
                out[i] = out[j];
                out[j] = t;
            }
        }
        return out;
    }
}
