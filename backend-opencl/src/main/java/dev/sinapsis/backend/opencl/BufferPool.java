package dev.sinapsis.backend.opencl;

import static org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_OUT_OF_RESOURCES;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * A caching allocator for one device: freed buffers go back to a free list of their size class
 * and are handed out again, so a training loop stops allocating after its first steps. Sizes are
 * rounded up to classes (powers of two up to 1 MiB, then multiples of a quarter of the power of
 * two below), so a reused buffer wastes at most a quarter. When the device is out of memory the
 * cached buffers are released and the allocation retried.
 *
 * <p>Reuse is safe without host synchronisation because the backend has one in-order queue: a
 * kernel enqueued after the free runs after every kernel that used the old contents.
 */
final class BufferPool {
    private final cl_context context;
    private final long cacheLimit;
    private final Map<Long, ArrayDeque<cl_mem>> free = new HashMap<>();
    private long cachedBytes;
    private long liveBytes;
    private long created;
    private long peakBytes;
    private long liveBuffers;

    BufferPool(cl_context context, long cacheLimit) {
        this.context = context;
        this.cacheLimit = cacheLimit;
    }

    /** The size class of a request of {@code bytes} (at least 64 bytes). */
    static long sizeClass(long bytes) {
        long b = Math.max(64, bytes);
        long pow = Long.highestOneBit(b);
        if (pow == b) {
            return b;
        }
        if (b <= (1 << 20)) {
            return pow << 1;
        }
        long step = pow >> 2;
        return (b + step - 1) / step * step;
    }

    /** A buffer of at least {@code bytes} bytes; its contents are undefined. */
    Lease acquire(long bytes) {
        long size = sizeClass(bytes);
        synchronized (this) {
            ArrayDeque<cl_mem> list = free.get(size);
            if (list != null && !list.isEmpty()) {
                cachedBytes -= size;
                liveBytes += size;
                liveBuffers++;
                peakBytes = Math.max(peakBytes, liveBytes);
                return new Lease(this, list.pop(), size);
            }
        }
        cl_mem mem;
        try {
            mem = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, size, null, null);
        } catch (CLException e) {
            if (e.getStatus() != CL_MEM_OBJECT_ALLOCATION_FAILURE && e.getStatus() != CL_OUT_OF_RESOURCES) {
                throw OpenClException.of("allocating " + size + " bytes", e);
            }
            // storages the program dropped without closing come back through the Cleaner after a GC
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            trim();
            try {
                mem = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, size, null, null);
            } catch (CLException again) {
                throw OpenClException.of("allocating " + size + " bytes (after releasing the pool's cache)", again);
            }
        }
        synchronized (this) {
            liveBytes += size;
            liveBuffers++;
            peakBytes = Math.max(peakBytes, liveBytes);
            created++;
        }
        return new Lease(this, mem, size);
    }

    private void giveBack(cl_mem mem, long size) {
        synchronized (this) {
            liveBytes -= size;
            liveBuffers--;
            if (cachedBytes + size <= cacheLimit) {
                free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(mem);
                cachedBytes += size;
                return;
            }
        }
        CL.clReleaseMemObject(mem);
    }

    /** Releases every cached (free) buffer to the driver. */
    synchronized void trim() {
        for (ArrayDeque<cl_mem> list : free.values()) {
            for (cl_mem m : list) {
                CL.clReleaseMemObject(m);
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    /** The counters as {@link dev.sinapsis.backend.MemoryStats}. */
    synchronized dev.sinapsis.backend.MemoryStats stats() {
        return new dev.sinapsis.backend.MemoryStats(liveBytes, cachedBytes, peakBytes, liveBuffers, created);
    }

    /** Bytes in buffers handed out and not yet returned. */
    synchronized long liveBytes() {
        return liveBytes;
    }

    /** Bytes in free buffers kept for reuse. */
    synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** Buffers created from the driver so far (flat once a loop reaches its steady state). */
    synchronized long created() {
        return created;
    }

    /**
     * One hand-out of a pooled buffer. Returned exactly once, by the storage's release or, as the
     * last resort, by the Cleaner when the storage became unreachable without being released.
     */
    static final class Lease implements Runnable {
        private final BufferPool pool;
        final cl_mem mem;
        final long size;
        private final AtomicBoolean returned = new AtomicBoolean();

        Lease(BufferPool pool, cl_mem mem, long size) {
            this.pool = pool;
            this.mem = mem;
            this.size = size;
        }

        /** Returns the buffer to the pool (idempotent). */
        @Override
        public void run() {
            if (returned.compareAndSet(false, true)) {
                pool.giveBack(mem, size);
            }
        }
    }
}
