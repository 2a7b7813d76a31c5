package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;

/**
 * A backend-owned, reference-counted buffer of {@link #size()} elements of one {@link DType}.
 *
 * <p>Tensors that share a storage (views) each hold one reference. When the last reference is
 * released the backend frees (or pools) the memory; using it afterwards is an error.
 */
public interface Storage {
    /** Element type. */
    DType dtype();

    /** Number of elements. */
    int size();

    /** The backend that owns this buffer. */
    Backend backend();

    /** Adds a reference. Throws if the storage was already freed. */
    void retain();

    /** Drops a reference; the last one frees the memory. */
    void release();

    /** True once the memory has been freed. */
    boolean isReleased();
}
