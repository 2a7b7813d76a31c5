package dev.sinapsis.backend.memory;

import dev.sinapsis.backend.MemoryStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A caching allocator for one device: freed buffers go back to a free list of their size class
 * and are handed out again, so a training loop stops calling the driver after its first steps.
 * Sizes are rounded up to classes (powers of two up to 1 MiB, then multiples of a quarter of the
 * power of two below), so a reused buffer wastes at most a quarter of its size. Free buffers are
 * kept up to a cache limit; beyond it they go straight back to the driver.
 *
 * <p>When the driver reports the device full, the cache is released (its buffers may be of other
 * size classes) and the allocation retried once; if that fails too, a
 * {@link DeviceMemoryException} tells the user what is held and what to do. The allocator never
 * asks the garbage collector for memory: storages dropped without being closed come back only
 * through their own {@link java.lang.ref.Cleaner}, whenever the JVM collects them.
 *
 * <p>Handing a freed buffer to the next request without waiting for the device is the backend's
 * responsibility: it is safe on one in-order queue (a kernel enqueued after the free runs after
 * every kernel that used the old contents). The counters are thread-safe.
 *
 * @param <B> the driver's buffer handle
 */
public final class CachingAllocator<B> {
    /** The smallest size class, in bytes. */
    public static final long MIN_CLASS_BYTES = 64;
    /** Up to this size classes are powers of two; above it they step by a quarter of the power of two below. */
    public static final long POWER_OF_TWO_LIMIT = 1L << 20;

    /**
     * Most free buffers kept per size class. The byte limit alone would let a loop that leaves its
     * tensors to the garbage collector cache hundreds of thousands of tiny buffers after one
     * collection (each a driver object and a Java handle); scoped loops never come near it.
     */
    public static final int MAX_CACHED_PER_CLASS = 1024;

    private final String device;
    private final DeviceAllocator<B> driver;
    private final long cacheLimit;
    private final Map<Long, ArrayDeque<B>> free = new HashMap<>();
    private long cachedBytes;
    private long liveBytes;
    private long peakBytes;
    private long liveBuffers;
    private long allocations;
    private boolean closed;

    /**
     * @param device          the device as named in error messages (e.g. {@code "opencl:0 (pthread-haswell)"})
     * @param driver          the driver calls
     * @param cacheLimitBytes most bytes of free buffers kept for reuse
     */
    public CachingAllocator(String device, DeviceAllocator<B> driver, long cacheLimitBytes) {
        if (cacheLimitBytes < 0) {
            throw new IllegalArgumentException("cache limit " + cacheLimitBytes + " is negative");
        }
        this.device = Objects.requireNonNull(device, "device");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.cacheLimit = cacheLimitBytes;
    }

    /** The size class of a request of {@code bytes}: what is actually allocated for it. */
    public static long sizeClass(long bytes) {
        long b = Math.max(MIN_CLASS_BYTES, bytes);
        long pow = Long.highestOneBit(b);
        if (pow == b) {
            return b;
        }
        if (b <= POWER_OF_TWO_LIMIT) {
            return pow << 1;
        }
        long step = pow >> 2;
        return (b + step - 1) / step * step;
    }

    /**
     * A buffer of at least {@code bytes} bytes, contents undefined: a cached one of the same size
     * class when there is one, else a new one from the driver.
     *
     * @throws DeviceMemoryException when the device is full even after the cache was released
     */
    public BufferLease<B> acquire(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the allocator of " + device + " was closed with its backend");
            }
        }
        long size = sizeClass(bytes);
        B buffer = takeCached(size);
        if (buffer != null) {
            return new BufferLease<>(this, buffer, size);
        }
        buffer = driver.allocate(size);
        if (buffer == null) {
            trim();
            buffer = driver.allocate(size);
            if (buffer == null) {
                throw new DeviceMemoryException(device, bytes, size, stats());
            }
        }
        synchronized (this) {
            allocations++;
            countLive(size);
        }
        return new BufferLease<>(this, buffer, size);
    }

    private synchronized B takeCached(long size) {
        ArrayDeque<B> list = free.get(size);
        if (list == null || list.isEmpty()) {
            return null;
        }
        cachedBytes -= size;
        countLive(size);
        return list.pop();
    }

    private void countLive(long size) {
        liveBytes += size;
        liveBuffers++;
        peakBytes = Math.max(peakBytes, liveBytes);
    }

    /** Called by {@link BufferLease#close()}: caches the buffer, or frees it when the cache is full. */
    void giveBack(B buffer, long size) {
        synchronized (this) {
            liveBytes -= size;
            liveBuffers--;
            ArrayDeque<B> list = free.computeIfAbsent(size, k -> new ArrayDeque<>());
            if (!closed && cachedBytes + size <= cacheLimit && list.size() < MAX_CACHED_PER_CLASS) {
                list.push(buffer);
                cachedBytes += size;
                return;
            }
        }
        driver.free(buffer);
    }

    /** Returns every cached (free) buffer to the driver; buffers in use are untouched. */
    public void trim() {
        List<B> released = new ArrayList<>();
        synchronized (this) {
            free.values().forEach(released::addAll);
            free.clear();
            cachedBytes = 0;
        }
        released.forEach(driver::free);
    }

    /**
     * Releases the cache and stops caching: buffers still in use go straight back to the driver
     * when their leases close; new requests fail. Idempotent.
     */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        trim();
    }

    /** The counters now: live, cached and peak bytes, live buffers, buffers obtained from the driver. */
    public synchronized MemoryStats stats() {
        return new MemoryStats(liveBytes, cachedBytes, peakBytes, liveBuffers, allocations);
    }
}
