package dev.sinapsis.backend.memory;

import dev.sinapsis.backend.MemoryStats;

/**
 * The device has no room for a buffer, even after its allocator released every cached buffer and
 * retried. The message gives the request, the allocator's counters and the fix.
 */
public class DeviceMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What to do about it, appended to every message. */
    static final String FIX = "Fix: run each training step in a MemoryScope (try (MemoryScope s = MemoryScope.open()) "
            + "{ ... }) or close tensors you no longer need, so their buffers return to the pool; or use a smaller batch.";

    private final long requestedBytes;
    private final transient MemoryStats stats;

    /**
     * @param device         the device, as the user knows it (e.g. {@code "opencl:0 (NVIDIA A100)"})
     * @param requestedBytes the size asked for
     * @param classBytes     the size class actually requested from the driver
     * @param stats          the allocator's counters after releasing its cache
     */
    public DeviceMemoryException(String device, long requestedBytes, long classBytes, MemoryStats stats) {
        super("out of device memory on " + device + ": cannot allocate " + requestedBytes + " bytes (size class "
                + classBytes + " bytes) even after releasing the cached buffers; " + stats + ". " + FIX);
        this.requestedBytes = requestedBytes;
        this.stats = stats;
    }

    /** The size that could not be allocated. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** The allocator's counters when the allocation failed (live bytes are what the program holds). */
    public MemoryStats stats() {
        return stats;
    }
}
