package dev.sinapsis.backend.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import dev.sinapsis.kernels.KernelSignature;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramCache;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.kernels.Target;
import dev.sinapsis.tensor.DType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * One OpenCL device as the op classes use it: a context, one in-order command queue, the lock
 * every enqueue takes, and the kernels compiled for the device with their declared signatures and
 * work-group limits. Launches start here ({@link #launch}); nothing waits for the device between
 * them.
 */
final class OpenClRuntime {
    /** A compiled kernel, its declared parameters and the largest work-group it can run with. */
    record CompiledKernel(cl_kernel handle, KernelSignature signature, long maxWorkGroupSize) {
    }

    private final ClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final String buildOptions;
    /** Programs belong to a context: one cache per runtime, keyed by rendered source and device. */
    private final ProgramCache<cl_program> programs = new ProgramCache<>();
    private final Map<String, Map<String, CompiledKernel>> kernels = new ConcurrentHashMap<>();
    /** Held while setting a kernel's arguments and enqueuing it (kernel objects are shared). */
    private final Object lock = new Object();
    /** Programs created and not yet released (built, or failed and released at once). */
    private final java.util.concurrent.atomic.AtomicInteger livePrograms = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    OpenClRuntime(ClDevice device) {
        this.device = device;
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
            this.context = CL.clCreateContext(props, 1, new cl_device_id[] {device.id()}, null, null, null);
            this.queue = createQueue();
        } catch (CLException e) {
            throw OpenClException.of("creating a context and queue on " + device.name(), e);
        }
        this.buildOptions = device.correctlyRoundedDivSqrt() ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";
    }

    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue() {
        return CL.clCreateCommandQueue(context, device.id(), 0, null);
    }

    ClDevice device() {
        return device;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** The lock around every enqueue (CLBlast calls take it too). */
    Object lock() {
        return lock;
    }

    /** True when the device computes in double precision (cl_khr_fp64). */
    boolean fp64() {
        return device.fp64();
    }

    /** Fails with a clear message when {@code t} is F64 and the device has no double precision. */
    void requireFp64(DType t, String op) {
        if (t == DType.F64 && !device.fp64()) {
            throw new UnsupportedOperationException(op + ": the OpenCL device " + device.name()
                    + " has no double precision (cl_khr_fp64); use F32 or another backend");
        }
    }

    /** A launch of kernel {@code name} of {@code spec} (compiled on first use). */
    KernelLaunch launch(ProgramSpec spec, String name) {
        return new KernelLaunch(this, kernel(spec, name));
    }

    /** A power-of-two local size for reducing {@code m} elements per group with kernel {@code name}. */
    int reductionLocalSize(ProgramSpec spec, String name, int m) {
        long max = Math.min(Kernels.REDUCE_WG_MAX, kernel(spec, name).maxWorkGroupSize());
        int lsz = 1;
        while (lsz < m && lsz * 2L <= max) {
            lsz *= 2;
        }
        return lsz;
    }

    /** Runs one CL call under the lock, turning a failure into an exception naming {@code what}. */
    void enqueue(String what, Supplier<Integer> call) {
        checkOpen();
        synchronized (lock) {
            try {
                call.get();
            } catch (CLException e) {
                throw OpenClException.of(what, e);
            }
        }
    }

    /** Blocks until every enqueued command has finished. */
    void finish() {
        synchronized (lock) {
            CL.clFinish(queue);
        }
    }

    /** Compiles (once per device) and returns kernel {@code name} of {@code spec}. */
    CompiledKernel kernel(ProgramSpec spec, String name) {
        checkOpen();
        Map<String, CompiledKernel> ks = kernels.computeIfAbsent(spec.key(), key -> new ConcurrentHashMap<>());
        CompiledKernel k = ks.get(name);
        if (k != null) {
            return k;
        }
        KernelSignature signature = spec.signature(name);
        cl_program program = programs.get(spec.render(Target.OPENCL, device.fp64()), device.id(),
                src -> build(spec, src));
        cl_kernel handle;
        try {
            handle = CL.clCreateKernel(program, name, null);
        } catch (CLException e) {
            throw OpenClException.of("kernel " + name + " of program " + spec.key(), e);
        }
        long[] wg = new long[1];
        CL.clGetKernelWorkGroupInfo(handle, device.id(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(wg), null);
        k = new CompiledKernel(handle, signature, wg[0]);
        CompiledKernel raced = ks.putIfAbsent(name, k);
        if (raced != null) {
            CL.clReleaseKernel(handle);
            return raced;
        }
        return k;
    }

    private cl_program build(ProgramSpec spec, String source) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        livePrograms.incrementAndGet();
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device.id()}, buildOptions, null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            CL.clReleaseProgram(program); // a failed build is not cached: release it here
            livePrograms.decrementAndGet();
            throw new OpenClException("building program " + spec.key() + " for " + device.name() + ": "
                    + CL.stringFor_errorCode(e.getStatus()) + "\n" + new String(log, StandardCharsets.UTF_8).trim(),
                    e.getStatus(), e);
        }
        return program;
    }

    /** Programs created on this device and not released (a failed build releases its own). */
    int livePrograms() {
        return livePrograms.get();
    }

    /** True once {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the OpenCL backend on " + device.name()
                    + " was closed; create a new one (or use Backends.get(\"opencl\"))");
        }
    }

    /**
     * Waits for the queue, then releases every kernel, program, the queue and the context.
     * Idempotent. Buffers still held by storages keep the context alive in the driver until they
     * are released.
     */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            CL.clFinish(queue);
            for (Map<String, CompiledKernel> ks : kernels.values()) {
                ks.values().forEach(k -> CL.clReleaseKernel(k.handle()));
            }
            kernels.clear();
            for (cl_program p : programs.values()) {
                CL.clReleaseProgram(p);
                livePrograms.decrementAndGet();
            }
            programs.clear();
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }
}
