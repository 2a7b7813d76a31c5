package dev.sinapsis.data;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.lang.ref.Cleaner;

/**
 * Batches a {@link Dataset}: fixed batch size, optional seeded shuffle, optional drop-last, and
 * background prefetch; or batches chosen by a {@link BatchSampler} (e.g. examples of similar
 * lengths together). The batches of an epoch depend only on {@code (seed, epoch)}, so a run
 * resumed at epoch {@code e}, batch {@code b} ({@link #epoch(int, int)}) sees exactly the batches an
 * uninterrupted run would.
 *
 * <p>A {@link SequenceDataset}'s batches are trimmed to their longest sequence and carry the
 * lengths ({@link Batch#lengths()}).
 *
 * <p>A background thread collates host arrays ahead of the consumer (the model never waits on
 * copying); tensors are created on the consuming thread, on its current backend.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(128).shuffle(true).seed(42).build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader.epoch(epoch)) { ... b.close(); }
 * }
 * }</pre>
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int prefetch;
    private final BatchSampler sampler;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.sampler = b.sampler;
    }

    /** A builder over {@code dataset}; defaults: batch 32, no shuffle, seed 0, keep the last batch, prefetch 2. */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** The dataset. */
    public Dataset dataset() {
        return dataset;
    }

    /** Examples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        if (sampler != null) {
            return sampler.batchesPerEpoch();
        }
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The example order of {@code epoch}: a seeded permutation, or the identity without shuffle. */
    public int[] order(int epoch) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * The example indices of every batch of {@code epoch}: the sampler's, else consecutive chunks
     * of {@link #order(int)}.
     */
    public int[][] batches(int epoch) {
        if (sampler != null) {
            return sampler.batches(epoch);
        }
        int[] order = order(epoch);
        int[][] batches = new int[batchesPerEpoch()][];
        for (int b = 0; b < batches.length; b++) {
            int from = b * batchSize;
            batches[b] = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
        }
        return batches;
    }

    /** The batches of {@code epoch}, collated in the background. */
    public Iterable<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * The batches of {@code epoch} from batch {@code fromBatch} on (the rest of an epoch a run was
     * stopped in), collated in the background; their {@link Batch#index()} counts from the epoch's start.
     */
    public Iterable<Batch> epoch(int epoch, int fromBatch) {
        if (fromBatch < 0) {
            throw new IllegalArgumentException("fromBatch must be >= 0, got " + fromBatch);
        }
        return () -> new EpochIterator(batches(epoch), fromBatch);
    }

    /** Host arrays of one batch, built off the consuming thread; {@code steps} trims sequences (else -1). */
    private record HostBatch(Object inputs, long[] targets, int[] lengths, int steps, int index) {
    }

    private static final HostBatch END = new HostBatch(null, null, null, -1, -1);

    /** What the producer threw, handed to the consumer in place of the next batch. */
    private record Failure(Throwable cause) {
        /** Rethrows on the consuming thread: unchecked throwables as they are, anything else wrapped. */
        RuntimeException rethrow() {
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the data loader's producer thread failed: " + cause, cause);
        }
    }

    /** How long the consumer waits for a batch before checking that the producer is still alive. */
    private static final long POLL_MILLIS = 100;

    /** Stops the producer of an iterator the consumer dropped before its end. */
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * Collates host batches on a background thread. It holds no reference to its iterator, so an
     * iterator dropped mid-epoch becomes unreachable and its cleaner stops the thread.
     */
    private static final class Producer implements Runnable {
        final BlockingQueue<Object> queue;
        final AtomicBoolean abandoned = new AtomicBoolean();
        private final Dataset dataset;
        private final int[][] batches;
        private final int fromBatch;

        Producer(Dataset dataset, int[][] batches, int fromBatch, int prefetch) {
            this.dataset = dataset;
            this.batches = batches;
            this.fromBatch = fromBatch;
            this.queue = new ArrayBlockingQueue<>(prefetch);
        }

        /** Hands an item to the consumer; false once the consumer has gone away. */
        private boolean put(Object item) throws InterruptedException {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (abandoned.get()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void run() {
            try {
                for (int b = fromBatch; b < batches.length; b++) {
                    if (!put(collate(dataset, batches[b], b))) {
                        return;
                    }
                }
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) { // an Error too: the consumer must hear of it rather than wait forever
                try {
                    put(new Failure(e));
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Copies the examples at {@code indices} into host arrays; sequences are cut to the longest one. */
    private static HostBatch collate(Dataset dataset, int[] indices, int index) {
        int exampleSize = dataset.inputShape().numel();
        DType type = dataset.inputType();
        int size = indices.length;
        long[] targets = new long[size];
        if (!(dataset instanceof SequenceDataset seq)) {
            Object inputs = type.newHostArray(size * exampleSize);
            for (int i = 0; i < size; i++) {
                dataset.copyInput(indices[i], inputs, i * exampleSize);
                targets[i] = dataset.target(indices[i]);
            }
            return new HostBatch(inputs, targets, null, -1, index);
        }
        int maxSteps = dataset.inputShape().dim(0);
        int stepSize = exampleSize / maxSteps;
        int[] lengths = new int[size];
        int steps = 1;
        for (int i = 0; i < size; i++) {
            lengths[i] = seq.length(indices[i]);
            if (lengths[i] < 1 || lengths[i] > maxSteps) {
                throw new IllegalStateException("sequence " + indices[i] + " has length " + lengths[i]
                        + ", outside [1, " + maxSteps + "]");
            }
            steps = Math.max(steps, lengths[i]);
        }
        Object example = type.newHostArray(exampleSize);
        Object inputs = type.newHostArray(size * steps * stepSize);
        for (int i = 0; i < size; i++) {
            dataset.copyInput(indices[i], example, 0);
            System.arraycopy(example, 0, inputs, i * steps * stepSize, steps * stepSize);
            targets[i] = dataset.target(indices[i]);
        }
        return new HostBatch(inputs, targets, lengths, steps, index);
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private Object next;

        EpochIterator(int[][] batches, int fromBatch) {
            Producer producer = new Producer(dataset, batches, fromBatch, prefetch);
            queue = producer.queue;
            AtomicBoolean flag = producer.abandoned;
            CLEANER.register(this, () -> flag.set(true));
            thread = new Thread(producer, "sinapsis-dataloader");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * {@inheritDoc}
         *
         * <p>Whatever the producer thread threw while collating (a {@link RuntimeException} or an
         * {@link Error} such as {@link OutOfMemoryError}) is rethrown here, on the consuming thread.
         */
        @Override
        public boolean hasNext() {
            if (next == null) {
                next = await();
            }
            if (next instanceof Failure f) {
                throw f.rethrow();
            }
            return next != END;
        }

        /** The producer's next item; never blocks forever, even if the producer thread died. */
        private Object await() {
            try {
                while (true) {
                    Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        return item;
                    }
                    if (!thread.isAlive()) {
                        item = queue.poll(); // it may have handed over its last item just before ending
                        if (item != null) {
                            return item;
                        }
                        return new Failure(new IllegalStateException(
                                "the data loader's producer thread ended without finishing the epoch"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("data loader interrupted", e);
            }
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            HostBatch h = (HostBatch) next;
            next = null;
            int size = h.targets().length;
            int[] shape = new int[dataset.inputShape().rank() + 1];
            shape[0] = size;
            System.arraycopy(dataset.inputShape().toArray(), 0, shape, 1, shape.length - 1);
            if (h.steps() >= 0) {
                shape[1] = h.steps();
            }
            Tensor inputs = h.inputs() instanceof float[] f ? Tensor.of(f, shape) : Tensor.of((long[]) h.inputs(), shape);
            return new Batch(inputs, Tensor.of(h.targets(), size), h.index(), h.lengths());
        }
    }

    /** Options of a {@link DataLoader}. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private int prefetch = 2;
        private BatchSampler sampler;

        private Builder(Dataset dataset) {
            this.dataset = dataset;
        }

        /** Examples per batch (positive). */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffle each epoch with a permutation derived from the seed and the epoch. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffle. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Drop a last, smaller batch. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Batches collated ahead of the consumer (at least 1). */
        public Builder prefetch(int prefetch) {
            if (prefetch <= 0) {
                throw new IllegalArgumentException("prefetch must be positive, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Batches chosen by {@code sampler} (its indices must lie in the dataset) instead of
         * consecutive chunks of the (shuffled) order; {@link #batchSize}, {@link #shuffle},
         * {@link #seed} and {@link #dropLast} then only describe the loader.
         */
        public Builder sampler(BatchSampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** The loader. */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
