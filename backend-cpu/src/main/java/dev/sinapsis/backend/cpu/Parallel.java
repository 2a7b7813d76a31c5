package dev.sinapsis.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The CPU backend's one shared worker pool. Work below a grain size stays on the calling thread;
 * larger ranges are split into one chunk per core, the caller running the first chunk itself.
 * The pool size is {@code -Dsinapsis.cpu.threads=N}, default the number of available processors.
 */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("sinapsis.cpu.threads",
            Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS), pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("sinapsis-cpu-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }, null, false);

    private Parallel() {
    }

    /** A body over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Number of worker threads. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split across cores when {@code n * costPerItem}
     * is at least {@code minWork} (roughly: elementary operations worth a thread hand-off).
     */
    public static void forRange(int n, long costPerItem, RangeBody body) {
        long work = (long) n * Math.max(1, costPerItem);
        int chunks = (int) Math.min(THREADS, Math.max(1, work / MIN_WORK));
        chunks = Math.min(chunks, n);
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c - 1] = POOL.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / chunks));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    /** Elementary operations below which splitting costs more than it gains. */
    public static final long MIN_WORK = 32_768;
}
