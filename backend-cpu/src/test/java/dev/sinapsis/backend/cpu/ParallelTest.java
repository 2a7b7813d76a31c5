package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel} and its spinning {@link Team}: every index runs exactly once, in one chunk per
 * thread, the same chunks whether or not the team is free; a chunk's exception reaches the caller
 * after the other chunks ended, and the team goes on working; nested ranges, concurrent callers and
 * workers woken from their park all complete.
 */
class ParallelTest {
    /** Enough work per item that any range of two or more items is split. */
    private static final long SPLIT = Parallel.MIN_WORK;

    @Test
    void everyIndexRunsOnceInOneChunkPerThread() {
        for (int n : new int[] {1, 2, 3, 7, 64, 1000, 4097}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
            Parallel.forRange(n, SPLIT, (from, to) -> {
                ranges.add(new int[] {from, to});
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "n " + n + " index " + i);
            }
            assertEquals(Math.min(n, Parallel.threads()), ranges.size(), "chunks for n " + n);
        }
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> ran = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(100, 1, (from, to) -> ran.add(Thread.currentThread()));
        assertEquals(List.of(caller), ran);
    }

    @Test
    void aChunksExceptionReachesTheCallerAfterTheOthersEnded() {
        int n = 2 * Parallel.threads();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Parallel.forRange(n, SPLIT, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                    if (to == n) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i + " of a chunk that did not throw");
        }
        long[] sums = new long[n];
        Parallel.forRange(n, SPLIT, (from, to) -> {
            for (int i = from; i < to; i++) {
                sums[i] = i;
            }
        });
        assertEquals((long) n * (n - 1) / 2, java.util.Arrays.stream(sums).sum(), "the team works after a failure");
    }

    @Test
    void nestedRangesComplete() {
        int n = 8;
        int[][] out = new int[n][n];
        Parallel.forRange(n, SPLIT, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(n, SPLIT, (f, t) -> {
                    for (int j = f; j < t; j++) {
                        out[row][j] = row * n + j;
                    }
                });
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i * n + j, out[i][j]);
            }
        }
    }

    @Test
    void concurrentCallersAllComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<long[]>> jobs = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int scale = c + 1;
                jobs.add(() -> {
                    long[] out = new long[5000];
                    for (int rep = 0; rep < 200; rep++) {
                        Parallel.forRange(out.length, SPLIT, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                out[i] += scale;
                            }
                        });
                    }
                    return out;
                });
            }
            List<Future<long[]>> results = callers.invokeAll(jobs);
            for (int c = 0; c < 4; c++) {
                long[] expected = new long[5000];
                java.util.Arrays.fill(expected, 200L * (c + 1));
                assertArrayEquals(expected, results.get(c).get(), "caller " + c);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRangeStartedWhileTheTeamIsHeldRunsTheSameChunks() throws InterruptedException {
        int n = 1000;
        List<String> free = ranges(n);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> Parallel.forRange(2, SPLIT, (from, to) -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        holding.await();
        List<String> busy = ranges(n);
        release.countDown();
        holder.join();
        // per-chunk partial sums (a reduction, a weight gradient) then agree bit for bit
        assertEquals(free, busy);
    }

    private static List<String> ranges(int n) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, SPLIT, (from, to) -> seen.add(from + "-" + to));
        List<String> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        return sorted;
    }

    @Test
    void parkedWorkersWakeUp() throws InterruptedException {
        int n = 4 * Parallel.threads();
        for (int rep = 0; rep < 20; rep++) {
            // longer than the spin, so the workers have parked
            Thread.sleep(Parallel.SPIN_NANOS / 1_000_000 + 2);
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Parallel.forRange(n, SPLIT, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "rep " + rep + " index " + i);
            }
        }
    }
}
