package dev.sinapsis.backend.cuda;

import static jcuda.driver.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK;

import dev.sinapsis.kernels.KernelSignature;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One CUDA device as the op classes use it: the device's primary context, one stream, the lock
 * every launch takes, and the kernels with their declared signatures. The stream is a blocking
 * one (flags 0), so the synchronous host copies ({@link CudaMemory}) are ordered after the work
 * already queued on it; nothing else waits for the device.
 */
final class CudaRuntime {
    /** A loaded kernel, its declared parameters and the largest block it can run with. */
    record CompiledKernel(CUfunction handle, KernelSignature signature, int maxThreads) {
    }

    private final CudaDeviceInfo device;
    private final CUdevice cuDevice = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final CudaModules modules;
    private final Map<String, CompiledKernel> kernels = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile boolean closed;

    CudaRuntime(CudaProbe.Result probe) {
        this.device = probe.device();
        JCudaDriver.setExceptionsEnabled(false);
        check(JCudaDriver.cuInit(0), "cuInit");
        check(JCudaDriver.cuDeviceGet(cuDevice, device.index()), "cuDeviceGet " + device.index());
        // the primary context is the one the runtime API (and so cuBLAS) uses on this device too
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice), "retaining the primary context of " + device.name());
        makeCurrent();
        check(JCudaDriver.cuStreamCreate(stream, 0), "creating a stream on " + device.name());
        this.modules = new CudaModules(this, probe.path());
    }

    CudaDeviceInfo device() {
        return device;
    }

    CUstream stream() {
        return stream;
    }

    /** The lock around every launch and driver call that uses the stream. */
    Object lock() {
        return lock;
    }

    CudaModules modules() {
        return modules;
    }

    /** Makes this device's context current on the calling thread (the driver's current context is per thread). */
    void makeCurrent() {
        check(JCudaDriver.cuCtxSetCurrent(context), "making the context of " + device.name() + " current");
    }

    /** Runs one driver call under the lock with the context current; a non-zero result is an exception naming {@code what}. */
    void call(String what, IntSupplier call) {
        checkOpen();
        synchronized (lock) {
            makeCurrent();
            check(call.getAsInt(), what);
        }
    }

    /** Blocks until every command on the stream has finished. */
    void synchronize() {
        call("synchronising the stream", () -> JCudaDriver.cuStreamSynchronize(stream));
    }

    /** A launch of kernel {@code name} of {@code spec} (loaded on first use). */
    KernelLaunch launch(ProgramSpec spec, String name) {
        return new KernelLaunch(this, kernel(spec, name));
    }

    /** A power-of-two block size for reducing {@code m} elements per block with kernel {@code name}. */
    int reductionLocalSize(ProgramSpec spec, String name, int m) {
        long max = Math.min(Kernels.REDUCE_WG_MAX, kernel(spec, name).maxThreads());
        int lsz = 1;
        while (lsz < m && lsz * 2L <= max) {
            lsz *= 2;
        }
        return lsz;
    }

    /** Loads (once per runtime) and returns kernel {@code name} of {@code spec}. */
    CompiledKernel kernel(ProgramSpec spec, String name) {
        checkOpen();
        CompiledKernel k = kernels.get(name);
        if (k != null) {
            return k;
        }
        KernelSignature signature = spec.signature(name);
        synchronized (lock) {
            makeCurrent();
            CUmodule module = modules.module(spec);
            CUfunction f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module, name), "kernel " + name + " of program " + spec.key());
            int[] max = new int[1];
            check(JCudaDriver.cuFuncGetAttribute(max, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, f), "attributes of " + name);
            k = new CompiledKernel(f, signature, max[0]);
            kernels.put(name, k);
            return k;
        }
    }

    /** True once {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend on " + device.name()
                    + " was closed; create a new one (or use Backends.get(\"cuda\"))");
        }
    }

    /** Waits for the stream, unloads the modules, destroys the stream and releases the primary context. Idempotent. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            makeCurrent();
            JCudaDriver.cuStreamSynchronize(stream);
            kernels.clear();
            modules.close();
            JCudaDriver.cuStreamDestroy(stream);
            JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice);
        }
    }

    /** Throws a {@link CudaDriverException} naming {@code what} when {@code status} is not success. */
    static void check(int status, String what) {
        if (status != CUresult.CUDA_SUCCESS) {
            throw new CudaDriverException(what + ": " + CUresult.stringFor(status), status);
        }
    }
}
