package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;
import java.util.concurrent.atomic.AtomicInteger;

/** Base class for storages: reference counting and a clear error on use after free. */
public abstract class RefCountedStorage implements Storage {
    private final AtomicInteger refs = new AtomicInteger(1);
    private final DType dtype;
    private final int size;

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    private final Accounting accounting;

    protected RefCountedStorage(DType dtype, int size) {
        this(dtype, size, null);
    }

    /**
     * A storage whose allocation and release are recorded in {@code counter} (may be null). A
     * storage that may become unreachable without being released (see {@link #ensureSafetyNet()})
     * is counted as freed when the garbage collector finds it; scopes and {@code close()} release
     * eagerly.
     */
    protected RefCountedStorage(DType dtype, int size, MemoryCounter counter) {
        this.dtype = dtype;
        this.size = size;
        if (counter != null) {
            accounting = new Accounting(counter, (long) size * dtype.byteSize());
            counter.allocated(accounting.bytes);
        } else {
            accounting = null;
        }
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
            if (accounting != null) {
                accounting.run();
            }
        }
    }

    private volatile boolean freed;

    @Override
    public final boolean isReleased() {
        return freed;
    }

    /**
     * Registers the garbage-collector safety net for the counters, once: the tensor layer calls it
     * when a handle of this storage exists outside every {@code MemoryScope} (made outside one, or
     * escaped from one), the only case in which it can be dropped without being released. Storages
     * that live and die inside scopes never pay for a Cleaner registration.
     */
    public final void ensureSafetyNet() {
        if (accounting != null && !accounting.watched && accounting.watch()) {
            CLEANER.register(this, accounting);
        }
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

    /** Counts the release once, from {@link #release()} or from the Cleaner; holds no reference to the storage. */
    private static final class Accounting implements Runnable {
        private final MemoryCounter counter;
        private final long bytes;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        /** Whether a Cleaner watches the storage; read without a lock as a fast path. */
        private volatile boolean watched;

        /** True for the one caller that gets to register the Cleaner. */
        synchronized boolean watch() {
            if (watched) {
                return false;
            }
            watched = true;
            return true;
        }

        Accounting(MemoryCounter counter, long bytes) {
            this.counter = counter;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                counter.freed(bytes);
            }
        }
    }
}
