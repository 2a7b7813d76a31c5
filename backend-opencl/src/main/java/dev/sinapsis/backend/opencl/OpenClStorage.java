package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.RefCountedStorage;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.tensor.DType;
import java.lang.ref.Cleaner;
import org.jocl.cl_mem;

/**
 * A device buffer of {@code size} elements, leased from the device's {@link BufferPool}. The last
 * {@link #release()} returns it to the pool; a {@link Cleaner} returns it if the storage is
 * garbage collected without being released.
 */
final class OpenClStorage extends RefCountedStorage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClBackend backend;
    private final BufferPool.Lease lease;
    private final Cleaner.Cleanable cleanable;

    OpenClStorage(OpenClBackend backend, DType dtype, int size, BufferPool.Lease lease) {
        super(dtype, size);
        this.backend = backend;
        this.lease = lease;
        this.cleanable = CLEANER.register(this, lease);
    }

    /** The OpenCL storage behind a view, or an error naming the foreign backend. */
    static OpenClStorage of(Storage s, OpenClBackend expected) {
        if (s instanceof OpenClStorage c && c.backend == expected) {
            return c;
        }
        throw new IllegalArgumentException("opencl backend was handed a storage of backend '"
                + s.backend().name() + "'" + (s instanceof OpenClStorage ? " (another OpenCL device)" : "")
                + "; move the tensor with .to(\"opencl\") first");
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The buffer; fails if the storage was freed. */
    cl_mem mem() {
        checkLive();
        return lease.mem;
    }

    @Override
    protected void free() {
        cleanable.clean(); // runs lease.run() once: back to the pool
    }
}
