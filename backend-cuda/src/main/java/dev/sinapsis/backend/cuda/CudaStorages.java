package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.backend.memory.CachingAllocator;
import dev.sinapsis.backend.memory.DeviceAllocator;
import dev.sinapsis.tensor.DType;
import jcuda.driver.CUdeviceptr;

/**
 * The storages of one CUDA backend: device buffers leased from a {@link CachingAllocator} (reuse
 * needs no host wait on the backend's single stream), scratch buffers for kernels' partial
 * results, and the check that a view belongs to this backend.
 */
final class CudaStorages {
    private final Backend owner;
    private final CachingAllocator<CUdeviceptr> allocator;

    /**
     * Storages of {@code owner} on {@code deviceName}, caching up to {@code cacheLimit} bytes.
     *
     * @param driver the driver calls ({@link CudaBufferAllocator}; tests pass a fake)
     */
    CudaStorages(Backend owner, String deviceName, DeviceAllocator<CUdeviceptr> driver, long cacheLimit) {
        this.owner = owner;
        this.allocator = new CachingAllocator<>(owner.device() + " (" + deviceName + ")", driver, cacheLimit);
    }

    /** A new storage of {@code size} elements of {@code dtype}; its contents are undefined. */
    CudaStorage allocate(DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate: negative size " + size);
        }
        return new CudaStorage(owner, dtype, size, allocator.acquire((long) size * dtype.byteSize()));
    }

    /** A scratch buffer of at least {@code bytes} bytes; close it once the kernels using it are launched. */
    BufferLease<CUdeviceptr> scratch(long bytes) {
        return allocator.acquire(bytes);
    }

    /** The CUDA storage behind a view, or an error naming the foreign backend. */
    CudaStorage of(View v) {
        Storage s = v.storage();
        if (s instanceof CudaStorage c && c.backend() == owner) {
            return c;
        }
        throw new IllegalArgumentException("cuda backend was handed a storage of backend '"
                + s.backend().name() + "'" + (s instanceof CudaStorage ? " (another CUDA backend instance)" : "")
                + "; move the tensor with .to(\"cuda\") first");
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
