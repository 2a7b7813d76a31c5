package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;

/** Allocation, host transfer, strided copy and fill. */
public interface MemoryOps {
    /** A new storage of {@code size} zeroed elements. */
    Storage allocate(DType dtype, int size);

    /**
     * A new storage of {@code size} elements whose contents are unspecified, for a result the caller
     * writes in full before anything reads it (an op's output). A backend may hand out reused memory
     * without clearing it; the default is {@link #allocate}.
     */
    default Storage allocateForOverwrite(DType dtype, int size) {
        return allocate(dtype, size);
    }

    /**
     * A new storage holding a copy of a host array; its class must match
     * {@link DType#hostArrayType()} ({@code float[]} for F32 and so on).
     */
    Storage upload(DType dtype, Object hostArray);

    /** Copies a view's elements, in row-major order of its shape, into a new host array of its dtype. */
    Object download(View src);

    /**
     * Strided copy {@code dst[i] = src[i]} over equal shapes. When the dtypes differ the value is
     * converted: float to integer truncates toward zero, anything to BOOL is {@code != 0},
     * BOOL to a number is 1 or 0.
     */
    void copy(View dst, View src);

    /** Sets every element of {@code dst} to {@code value} (converted as in {@link #copy}). */
    void fill(View dst, double value);
}
