package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;

/** Allocation, host transfer, strided copy and fill. */
public interface MemoryOps {
    /** A new storage of {@code size} zeroed elements. */
    Storage allocate(DType dtype, int size);

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
