package dev.sinapsis.backend.memory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One hand-out of a buffer by a {@link CachingAllocator}. {@link #close()} gives the buffer back
 * to the allocator's cache; it is idempotent, so a storage's explicit release and its
 * {@link java.lang.ref.Cleaner} safety net may both call it.
 *
 * @param <B> the driver's buffer handle
 */
public final class BufferLease<B> implements AutoCloseable {
    private final CachingAllocator<B> allocator;
    private final B buffer;
    private final long bytes;
    private final AtomicBoolean returned = new AtomicBoolean();

    BufferLease(CachingAllocator<B> allocator, B buffer, long bytes) {
        this.allocator = allocator;
        this.buffer = buffer;
        this.bytes = bytes;
    }

    /** The buffer; fails once the lease was returned (the buffer may belong to someone else by then). */
    public B buffer() {
        if (returned.get()) {
            throw new IllegalStateException("use of a device buffer of " + bytes + " bytes after it was returned");
        }
        return buffer;
    }

    /** The buffer's size: the request rounded up to its size class. */
    public long bytes() {
        return bytes;
    }

    /** Gives the buffer back to the allocator (idempotent). */
    @Override
    public void close() {
        if (returned.compareAndSet(false, true)) {
            allocator.giveBack(buffer, bytes);
        }
    }
}
