package dev.sinapsis.backend.cuda;

/** How the CUDA backend gets device code for the shared kernel text. */
enum KernelPath {
    /** Compiled at run time by NVRTC ({@code libnvrtc.so.12}) for the exact device. */
    NVRTC,
    /** The PTX nvcc built at build time ({@code sinapsis.ptx}), JIT-compiled by the driver ({@code cuModuleLoadData}). */
    PTX
}
