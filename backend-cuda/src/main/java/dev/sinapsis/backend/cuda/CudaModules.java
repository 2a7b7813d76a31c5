package dev.sinapsis.backend.cuda;

import dev.sinapsis.kernels.CudaPtx;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.kernels.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Device code for the runtime, one of two ways ({@link KernelPath}): NVRTC compiles each program
 * on first use for the exact device (compute capability of the GPU, fused multiply-adds off, as
 * nvcc builds the PTX); or the PTX nvcc built at build time ({@code sinapsis.ptx}, every kernel in
 * one module) is JIT-compiled by the driver once, whose own cache ({@code ~/.nv/ComputeCache})
 * then spans processes. Callers hold the runtime's lock.
 */
final class CudaModules {
    /** The resource holding the shipped PTX. */
    static final String PTX_RESOURCE = "sinapsis.ptx";

    private final CudaRuntime runtime;
    private final KernelPath path;
    private final Map<String, CUmodule> byProgram = new ConcurrentHashMap<>();
    private CUmodule shipped;

    CudaModules(CudaRuntime runtime, KernelPath path) {
        this.runtime = runtime;
        this.path = path;
    }

    KernelPath path() {
        return path;
    }

    /** The module holding {@code spec}'s kernels. */
    CUmodule module(ProgramSpec spec) {
        if (path == KernelPath.PTX) {
            if (shipped == null) {
                shipped = load(shippedPtx(), "the shipped PTX (" + PTX_RESOURCE + ")");
            }
            return shipped;
        }
        return byProgram.computeIfAbsent(spec.key(), key -> load(compile(spec), "program " + key));
    }

    /** The shipped PTX text, NUL-terminated for the driver. */
    static byte[] shippedPtx() {
        try (InputStream in = CudaModules.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CUDA backend's jar lacks " + PTX_RESOURCE + "; rebuild it with "
                        + CudaPtx.REGENERATE);
            }
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new IllegalStateException("reading " + PTX_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private CUmodule load(byte[] ptx, String what) {
        CUmodule m = new CUmodule();
        CudaRuntime.check(JCudaDriver.cuModuleLoadData(m, ptx), "loading " + what + " on " + runtime.device().name());
        return m;
    }

    /** NVRTC: the program's CUDA rendering to PTX for this device's compute capability. */
    private byte[] compile(ProgramSpec spec) {
        CudaDeviceInfo d = runtime.device();
        nvrtcProgram prog = new nvrtcProgram();
        String source = spec.render(Target.CUDA, true);
        nvrtcCheck(JNvrtc.nvrtcCreateProgram(prog, source, spec.key() + ".cu", 0, null, null), spec, null);
        try {
            String[] options = {"--gpu-architecture=compute_" + d.major() + d.minor(), "--fmad=false"};
            int status = JNvrtc.nvrtcCompileProgram(prog, options.length, options);
            if (status != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(prog, log);
                nvrtcCheck(status, spec, log[0]);
            }
            String[] ptx = new String[1];
            nvrtcCheck(JNvrtc.nvrtcGetPTX(prog, ptx), spec, null);
            byte[] text = ptx[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } finally {
            JNvrtc.nvrtcDestroyProgram(prog);
        }
    }

    private static void nvrtcCheck(int status, ProgramSpec spec, String log) {
        if (status != nvrtcResult.NVRTC_SUCCESS) {
            throw new CudaDriverException("NVRTC compiling program " + spec.key() + ": " + nvrtcResult.stringFor(status)
                    + (log == null ? "" : "\n" + log.trim()), status);
        }
    }

    /** Unloads every module. */
    void close() {
        byProgram.values().forEach(JCudaDriver::cuModuleUnload);
        byProgram.clear();
        if (shipped != null) {
            JCudaDriver.cuModuleUnload(shipped);
            shipped = null;
        }
    }
}
