package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.memory.DeviceAllocator;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** The driver calls under the CUDA backend's caching allocator: {@code cuMemAlloc} and {@code cuMemFree}. */
final class CudaBufferAllocator implements DeviceAllocator<CUdeviceptr> {
    private final CudaRuntime runtime;

    CudaBufferAllocator(CudaRuntime runtime) {
        this.runtime = runtime;
    }

    /** A buffer, or null when the device is out of memory (any other failure is thrown). */
    @Override
    public CUdeviceptr allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        int status;
        synchronized (runtime.lock()) {
            runtime.makeCurrent();
            status = JCudaDriver.cuMemAlloc(p, bytes);
        }
        if (status == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return null;
        }
        CudaRuntime.check(status, "allocating " + bytes + " bytes");
        return p;
    }

    /**
     * Frees the buffer; the driver waits for kernels still using it. After the backend was closed
     * its hold on the primary context is gone (the context, and its memory, may be destroyed), so
     * a storage released later frees nothing.
     */
    @Override
    public void free(CUdeviceptr buffer) {
        synchronized (runtime.lock()) {
            if (runtime.isClosed()) {
                return;
            }
            runtime.makeCurrent();
            JCudaDriver.cuMemFree(buffer);
        }
    }
}
