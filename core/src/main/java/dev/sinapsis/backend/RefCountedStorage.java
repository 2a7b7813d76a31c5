package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;
import java.util.concurrent.atomic.AtomicInteger;

/** Base class for storages: reference counting and a clear error on use after free. */
public abstract class RefCountedStorage implements Storage {
    private final AtomicInteger refs = new AtomicInteger(1);
    private final DType dtype;
    private final int size;

    protected RefCountedStorage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final void retain() {
        int before = refs.getAndUpdate(r -> r == 0 ? 0 : r + 1);
        if (before == 0) {
            throw new IllegalStateException("storage was already freed; the tensor it belonged to was closed");
        }
    }

    @Override
    public final void release() {
        int after = refs.updateAndGet(r -> r == 0 ? 0 : r - 1);
        if (after == 0 && !freed) {
            freed = true;
            free();
        }
    }

    private volatile boolean freed;

    @Override
    public final boolean isReleased() {
        return freed;
    }

    /** Throws if the memory has been freed; kernels call this before touching the buffer. */
    protected final void checkLive() {
        if (freed) {
            throw new IllegalStateException("use of a closed tensor: its " + dtype + " storage of "
                    + size + " elements was freed");
        }
    }

    /** Frees (or returns to a pool) the underlying memory. Called once. */
    protected abstract void free();
}
