package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.RefCountedStorage;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.tensor.DType;
import java.lang.ref.Cleaner;
import jcuda.driver.CUdeviceptr;

/**
 * A device buffer of {@code size} elements, leased from the backend's caching allocator. The last
 * {@link #release()} returns it to the allocator; a {@link Cleaner} returns it if the storage is
 * garbage collected without being released (a safety net only).
 */
final class CudaStorage extends RefCountedStorage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Backend backend;
    private final BufferLease<CUdeviceptr> lease;
    private final Cleaner.Cleanable cleanable;

    CudaStorage(Backend backend, DType dtype, int size, BufferLease<CUdeviceptr> lease) {
        super(dtype, size);
        this.backend = backend;
        this.lease = lease;
        this.cleanable = CLEANER.register(this, lease::close);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The device pointer; fails if the storage was freed. */
    CUdeviceptr ptr() {
        checkLive();
        return lease.buffer();
    }

    /** The device pointer {@code elements} elements past the start. */
    CUdeviceptr ptr(long elements) {
        return ptr().withByteOffset(elements * dtype().byteSize());
    }

    @Override
    protected void free() {
        cleanable.clean(); // runs lease.close() once: back to the allocator
    }
}
