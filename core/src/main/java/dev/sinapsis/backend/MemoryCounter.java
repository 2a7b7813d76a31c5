package dev.sinapsis.backend;

/**
 * Thread-safe live/peak/allocation counters behind {@link Backend#memoryStats()} for backends
 * without a pool (the CPU backend counts its heap arrays with one). Pooling backends keep their
 * own counters.
 */
public final class MemoryCounter {
    private long live;
    private long peak;
    private long buffers;
    private long allocations;

    /** Records a new storage of {@code bytes}. */
    public synchronized void allocated(long bytes) {
        live += bytes;
        buffers++;
        allocations++;
        peak = Math.max(peak, live);
    }

    /** Records that a storage of {@code bytes} was released. */
    public synchronized void freed(long bytes) {
        live -= bytes;
        buffers--;
    }

    /** The counters now (nothing cached). */
    public synchronized MemoryStats stats() {
        return new MemoryStats(live, 0, peak, buffers, allocations);
    }
}
