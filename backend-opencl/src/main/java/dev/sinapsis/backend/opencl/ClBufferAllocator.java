package dev.sinapsis.backend.opencl;

import static org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_OUT_OF_RESOURCES;

import dev.sinapsis.backend.memory.DeviceAllocator;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/** The driver calls under the OpenCL backend's caching allocator: {@code clCreateBuffer} and {@code clReleaseMemObject}. */
final class ClBufferAllocator implements DeviceAllocator<cl_mem> {
    private final cl_context context;

    ClBufferAllocator(cl_context context) {
        this.context = context;
    }

    /** A read-write buffer, or null when the device reports it has no room (any other failure is thrown). */
    @Override
    public cl_mem allocate(long bytes) {
        try {
            return CL.clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException e) {
            if (e.getStatus() == CL_MEM_OBJECT_ALLOCATION_FAILURE || e.getStatus() == CL_OUT_OF_RESOURCES) {
                return null;
            }
            throw OpenClException.of("allocating " + bytes + " bytes", e);
        }
    }

    @Override
    public void free(cl_mem buffer) {
        CL.clReleaseMemObject(buffer);
    }
}
