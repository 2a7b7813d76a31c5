package dev.sinapsis.backend.memory;

/**
 * The driver calls a {@link CachingAllocator} sits on: allocate and free device buffers. An
 * OpenCL backend implements it with {@code clCreateBuffer}/{@code clReleaseMemObject}, a CUDA
 * backend with {@code cuMemAlloc}/{@code cuMemFree}.
 *
 * @param <B> the driver's buffer handle
 */
public interface DeviceAllocator<B> {
    /**
     * A new buffer of exactly {@code bytes} bytes (contents undefined), or {@code null} when the
     * device is out of memory. Any other failure is thrown.
     */
    B allocate(long bytes);

    /** Returns {@code buffer} to the driver. */
    void free(B buffer);
}
