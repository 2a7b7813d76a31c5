/**
 * The CUDA backend (JCuda 12.6). {@link dev.sinapsis.backend.cuda.CudaBackend} is a facade over
 * a runtime (the device's primary context, one stream, the loaded kernels and the launch builder
 * that checks every argument against the kernel's declared signature) and one class per op
 * family, as the OpenCL backend is organised; both run the same kernel text of
 * {@code sinapsis-kernels}.
 *
 * <p>Availability is decided before any JCuda class is touched: {@code libcuda.so.1} must be found
 * (ldconfig cache, {@code LD_LIBRARY_PATH}, standard directories), then the driver must report a
 * device of compute capability 7.5 or newer on a CUDA 12+ driver; every failure is one reason and
 * one fix ({@code sinapsis devices} shows them). Kernels come from NVRTC when
 * {@code libnvrtc.so.12} loads, otherwise from the PTX nvcc built at build time
 * ({@code sinapsis.ptx}, whose first line is the SHA-256 of the CUDA source it was compiled from;
 * regenerate with {@code mvn -o -B compile -pl kernels,backend-cuda -am} where nvcc is installed).
 * GEMM is the tiled kernel, or cuBLAS for large products when {@code libcublas.so.12} loads.
 *
 * <p>System properties: {@code sinapsis.cuda.device} (ordinal or part of a name),
 * {@code sinapsis.cuda.gemm} ({@code auto|tiled|cublas}), {@code sinapsis.cuda.kernels}
 * ({@code auto|ptx}), {@code sinapsis.cuda.checkIndices} ({@code false} skips the index-range
 * read-back of gather and scatter-add).
 */
package dev.sinapsis.backend.cuda;
