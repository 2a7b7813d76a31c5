package dev.sinapsis.conformance;

import java.lang.management.ManagementFactory;

/** Heap measurements for the tests that prove memory stays flat over many training steps. */
public final class HeapProbe {
    private HeapProbe() {
    }

    /**
     * Used heap after garbage collection: the lowest of at least five collect-and-read rounds,
     * continuing (up to 40 rounds) while a round still finds less than the one before, so a
     * Cleaner thread slowed by a loaded machine has finished returning what the collector found.
     */
    public static long settledHeap() {
        long best = Long.MAX_VALUE;
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            best = Math.min(best, used);
            if (i >= 4 && used >= previous - 16 * 1024) {
                break; // settled: this round freed (almost) nothing more
            }
            previous = used;
        }
        return best;
    }
}
