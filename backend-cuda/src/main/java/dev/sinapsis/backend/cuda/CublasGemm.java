package dev.sinapsis.backend.cuda;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.tensor.DType;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * GEMM through cuBLAS (JCublas2), used for large products when {@code libcublas.so.12} loads.
 * cuBLAS is column-major; a row-major {@code C = A B} is the column-major {@code C^T = B^T A^T},
 * so the operands are passed swapped with the same transpose flags and leading dimensions (a
 * row-major matrix read as column-major is its transpose). Operands whose matrices have unit
 * stride along one axis and whose batch is a single stride run here; the rest on the tiled kernel.
 * The handle runs on the backend's stream; the default math mode keeps FP32 products in FP32
 * (no TF32).
 */
final class CublasGemm {
    private final cublasHandle handle = new cublasHandle();

    private CublasGemm(CudaRuntime runtime) {
        JCublas2.setExceptionsEnabled(false);
        synchronized (runtime.lock()) {
            runtime.makeCurrent();
            check(JCublas2.cublasCreate(handle), "cublasCreate");
            check(JCublas2.cublasSetStream(handle, new cudaStream_t(runtime.stream())), "cublasSetStream");
        }
    }

    /**
     * Loads JCublas2 and creates a handle on the runtime's stream; throws {@link LinkageError} or
     * {@link CudaDriverException} when cuBLAS cannot be used.
     */
    static CublasGemm load(CudaRuntime runtime, NativeLibraries libs) {
        if (!libs.has("libcublas.so.12")) {
            throw new CudaDriverException("libcublas.so.12 (the CUDA 12 toolkit's cuBLAS) is not installed", 0);
        }
        return new CublasGemm(runtime);
    }

    /** A matrix operand as cuBLAS wants it, or null when the layout does not fit. */
    private record Layout(int op, int ld) {
        /** Rows x cols with strides (sr, sc), row-major meaning of the flag as in CLBlast. */
        static Layout of(int rows, int cols, int sr, int sc) {
            if ((sc == 1 || cols == 1) && (rows == 1 || sr >= Math.max(1, cols))) {
                return new Layout(CUBLAS_OP_N, rows == 1 ? Math.max(1, cols) : sr);
            }
            if ((sr == 1 || rows == 1) && (cols == 1 || sc >= Math.max(1, rows))) {
                return new Layout(CUBLAS_OP_T, cols == 1 ? Math.max(1, rows) : sc);
            }
            return null;
        }
    }

    /** Runs the product when the layout allows; returns false (having done nothing) otherwise. */
    boolean gemm(CudaRuntime runtime, DType t, CudaStorage c, int cOff, CudaStorage a, int aOff, int aSm, int aSk,
                 CudaStorage b, int bOff, int bSk, int bSn, int m, int n, int k, int batch, CoalescedAxes bd) {
        Layout la = Layout.of(m, k, aSm, aSk);
        Layout lb = Layout.of(k, n, bSk, bSn);
        if (la == null || lb == null || bd.rank() > 1) {
            return false;
        }
        long aStride = bd.rank() == 1 ? bd.stride(0, 0) : 0;
        long bStride = bd.rank() == 1 ? bd.stride(1, 0) : 0;
        long cStride = (long) m * n;
        boolean f32 = t == DType.F32;
        Pointer one = f32 ? Pointer.to(new float[] {1f}) : Pointer.to(new double[] {1d});
        Pointer zero = f32 ? Pointer.to(new float[] {0f}) : Pointer.to(new double[] {0d});
        Pointer pa = a.ptr(aOff);
        Pointer pb = b.ptr(bOff);
        Pointer pc = c.ptr(cOff);
        int status;
        synchronized (runtime.lock()) {
            runtime.makeCurrent();
            // column-major C^T (n x m) = op(B)^T-side first: the operands swapped, flags unchanged
            if (f32) {
                status = JCublas2.cublasSgemmStridedBatched(handle, lb.op(), la.op(), n, m, k, one, pb, lb.ld(), bStride,
                        pa, la.ld(), aStride, zero, pc, n, cStride, batch);
            } else {
                status = JCublas2.cublasDgemmStridedBatched(handle, lb.op(), la.op(), n, m, k, one, pb, lb.ld(), bStride,
                        pa, la.ld(), aStride, zero, pc, n, cStride, batch);
            }
        }
        check(status, "cuBLAS " + (f32 ? "S" : "D") + "gemmStridedBatched (" + m + "x" + n + "x" + k + ", batch " + batch + ")");
        return true;
    }

    private static void check(int status, String what) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaDriverException(what + ": " + cublasStatus.stringFor(status), status);
        }
    }
}
