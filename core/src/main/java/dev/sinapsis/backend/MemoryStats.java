package dev.sinapsis.backend;

/**
 * A backend's memory counters at one moment, from its own bookkeeping (never from the garbage
 * collector): the figures {@code torch.cuda.memory_allocated()} and {@code memory_reserved()} give.
 *
 * @param liveBytes     bytes of storages handed out and not yet released
 * @param cachedBytes   bytes of freed buffers the backend keeps for reuse (0 without a pool)
 * @param peakLiveBytes the largest {@code liveBytes} seen since the backend was created
 * @param liveBuffers   storages handed out and not yet released
 * @param allocations   buffers obtained from the device (or heap) so far; flat once a loop's pool
 *                      is warm
 */
public record MemoryStats(long liveBytes, long cachedBytes, long peakLiveBytes, long liveBuffers, long allocations) {
    /** Live plus cached bytes: what the backend holds on the device. */
    public long reservedBytes() {
        return liveBytes + cachedBytes;
    }

    @Override
    public String toString() {
        return String.format("live %s in %d buffers (peak %s), cached %s, %d allocations",
                human(liveBytes), liveBuffers, human(peakLiveBytes), human(cachedBytes), allocations);
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
