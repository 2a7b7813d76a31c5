package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.MemoryStats;
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

    /**
     * The backend's memory counters once the collector's safety net has returned what it found:
     * collect and read until three rounds in a row release no storage (at most 100 rounds), so a
     * Cleaner thread starved by a loaded machine is waited for rather than counted as a leak.
     */
    public static MemoryStats settledStats(Backend backend) {
        MemoryStats last = backend.memoryStats();
        int quiet = 0;
        for (int i = 0; i < 100 && quiet < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            MemoryStats now = backend.memoryStats();
            quiet = now.liveBuffers() < last.liveBuffers() ? 0 : quiet + 1;
            last = now;
        }
        return last;
    }
}
