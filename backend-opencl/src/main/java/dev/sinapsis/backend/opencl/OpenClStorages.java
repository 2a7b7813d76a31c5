package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.backend.memory.CachingAllocator;
import dev.sinapsis.tensor.DType;
import org.jocl.cl_mem;

/**
 * The storages of one OpenCL backend: device buffers leased from a {@link CachingAllocator}
 * (reuse needs no host wait on the backend's single in-order queue), scratch buffers for
 * kernels' partial results, and the check that a view belongs to this backend.
 */
final class OpenClStorages {
    private final Backend owner;
    private final CachingAllocator<cl_mem> allocator;

    /** Storages of {@code owner} on the runtime's device, caching up to a quarter of its memory (at least 64 MiB). */
    OpenClStorages(Backend owner, OpenClRuntime runtime) {
        this.owner = owner;
        ClDevice d = runtime.device();
        this.allocator = new CachingAllocator<>(owner.device() + " (" + d.name() + ")",
                new ClBufferAllocator(runtime.context()), Math.max(64L << 20, d.globalMemory() / 4));
    }

    /** A new storage of {@code size} elements of {@code dtype}; its contents are undefined. */
    OpenClStorage allocate(DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate: negative size " + size);
        }
        return new OpenClStorage(owner, dtype, size, allocator.acquire((long) size * dtype.byteSize()));
    }

    /** A scratch buffer of at least {@code bytes} bytes; close it once the kernels using it are enqueued. */
    BufferLease<cl_mem> scratch(long bytes) {
        return allocator.acquire(bytes);
    }

    /** The OpenCL storage behind a view, or an error naming the foreign backend. */
    OpenClStorage of(View v) {
        Storage s = v.storage();
        if (s instanceof OpenClStorage c && c.backend() == owner) {
            return c;
        }
        throw new IllegalArgumentException("opencl backend was handed a storage of backend '"
                + s.backend().name() + "'" + (s instanceof OpenClStorage ? " (another OpenCL device)" : "")
                + "; move the tensor with .to(\"opencl\") first");
    }

    /** Releases the cached buffers and stops caching (buffers in use are freed when released). */
    void close() {
        allocator.close();
    }

    /** The allocator's counters. */
    MemoryStats stats() {
        return allocator.stats();
    }
}
