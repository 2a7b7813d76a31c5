package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.RefCountedStorage;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.tensor.DType;
import java.lang.ref.Cleaner;
import org.jocl.cl_mem;

/**
 * A device buffer of {@code size} elements, leased from the backend's caching allocator. The last
 * {@link #release()} returns it to the allocator; a {@link Cleaner} returns it if the storage is
 * garbage collected without being released (a safety net only: nothing asks the collector to run).
 */
final class OpenClStorage extends RefCountedStorage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Backend backend;
    private final BufferLease<cl_mem> lease;
    private final Cleaner.Cleanable cleanable;

    OpenClStorage(Backend backend, DType dtype, int size, BufferLease<cl_mem> lease) {
        super(dtype, size);
        this.backend = backend;
        this.lease = lease;
        this.cleanable = CLEANER.register(this, lease::close);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The buffer; fails if the storage was freed. */
    cl_mem mem() {
        checkLive();
        return lease.buffer();
    }

    @Override
    protected void free() {
        cleanable.clean(); // runs lease.close() once: back to the allocator
    }
}
