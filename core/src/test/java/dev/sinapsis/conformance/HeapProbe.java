package dev.sinapsis.conformance;

import java.lang.management.ManagementFactory;

/** Heap measurements for the tests that prove memory stays flat over many training steps. */
public final class HeapProbe {
    private HeapProbe() {
    }

    /** Used heap after garbage collection: the lowest of five collect-and-read rounds. */
    public static long settledHeap() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
