package dev.sinapsis.kernels;

/** The languages a kernel is rendered in. */
public enum Target {
    /** OpenCL C 1.2, compiled at run time by the OpenCL driver. */
    OPENCL("prelude_opencl.h", "cl"),
    /** CUDA C++, compiled by NVRTC at run time or by {@code nvcc -ptx}. */
    CUDA("prelude_cuda.h", "cu");

    private final String prelude;
    private final String extension;

    Target(String prelude, String extension) {
        this.prelude = prelude;
        this.extension = extension;
    }

    /** Resource name of the macro prelude for this target. */
    String prelude() {
        return prelude;
    }

    /** Usual file extension of rendered sources ({@code cl} or {@code cu}). */
    public String extension() {
        return extension;
    }
}
