package dev.sinapsis.backend.opencl;

import static org.jocl.blast.CLBlastLayout.CLBlastLayoutRowMajor;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeNo;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeYes;

import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.tensor.DType;
import org.jocl.blast.CLBlast;
import org.jocl.blast.CLBlastStatusCode;
import org.jocl.cl_command_queue;

/**
 * GEMM through CLBlast (JOCLBlast 1.5.2), used for large products. It takes operands whose
 * matrices have unit stride along one axis (a transpose is passed as a flag) and a batch that is a
 * single stride (batch axes of a and b given as operands 0 and 1 of {@link CoalescedAxes});
 * anything else goes to the tiled kernel.
 */
final class ClBlastGemm {
    private ClBlastGemm() {
    }

    /** Loads JOCLBlast's natives (and CLBlast); throws {@link LinkageError} when they cannot load. */
    static ClBlastGemm load() {
        CLBlast.setExceptionsEnabled(false);
        return new ClBlastGemm();
    }

    /** A matrix operand as CLBlast wants it, or null when the layout does not fit. */
    private record Layout(int transpose, long ld) {
        /** Rows x cols with strides (sr, sc). */
        static Layout of(int rows, int cols, int sr, int sc) {
            if ((sc == 1 || cols == 1) && (rows == 1 || sr >= Math.max(1, cols))) {
                return new Layout(CLBlastTransposeNo, rows == 1 ? Math.max(1, cols) : sr);
            }
            if ((sr == 1 || rows == 1) && (cols == 1 || sc >= Math.max(1, rows))) {
                return new Layout(CLBlastTransposeYes, cols == 1 ? Math.max(1, rows) : sc);
            }
            return null;
        }
    }

    /** Runs the product when the layout allows; returns false (having done nothing) otherwise. */
    boolean gemm(OpenClRuntime runtime, DType t, OpenClStorage c, int cOff, OpenClStorage a, int aOff, int aSm,
                 int aSk, OpenClStorage b, int bOff, int bSk, int bSn, int m, int n, int k, int batch, CoalescedAxes bd) {
        Layout la = Layout.of(m, k, aSm, aSk);
        Layout lb = Layout.of(k, n, bSk, bSn);
        if (la == null || lb == null || bd.rank() > 1) {
            return false;
        }
        long aStride = bd.rank() == 1 ? bd.stride(0, 0) : 0;
        long bStride = bd.rank() == 1 ? bd.stride(1, 0) : 0;
        long cStride = (long) m * n;
        cl_command_queue queue = runtime.queue();
        int status;
        synchronized (runtime.lock()) {
            if (batch == 1) {
                status = t == DType.F32
                        ? CLBlast.CLBlastSgemm(CLBlastLayoutRowMajor, la.transpose(), lb.transpose(), m, n, k, 1f,
                                a.mem(), aOff, la.ld(), b.mem(), bOff, lb.ld(), 0f, c.mem(), cOff, n, queue, null)
                        : CLBlast.CLBlastDgemm(CLBlastLayoutRowMajor, la.transpose(), lb.transpose(), m, n, k, 1d,
                                a.mem(), aOff, la.ld(), b.mem(), bOff, lb.ld(), 0d, c.mem(), cOff, n, queue, null);
            } else {
                status = t == DType.F32
                        ? CLBlast.CLBlastSgemmStridedBatched(CLBlastLayoutRowMajor, la.transpose(), lb.transpose(), m, n,
                                k, 1f, a.mem(), aOff, la.ld(), aStride, b.mem(), bOff, lb.ld(), bStride, 0f, c.mem(), cOff,
                                n, cStride, batch, queue, null)
                        : CLBlast.CLBlastDgemmStridedBatched(CLBlastLayoutRowMajor, la.transpose(), lb.transpose(), m, n,
                                k, 1d, a.mem(), aOff, la.ld(), aStride, b.mem(), bOff, lb.ld(), bStride, 0d, c.mem(), cOff,
                                n, cStride, batch, queue, null);
            }
        }
        if (status != CLBlastStatusCode.CLBlastSuccess) {
            throw new OpenClException("CLBlast " + (t == DType.F32 ? "S" : "D") + "gemm" + (batch > 1 ? "StridedBatched" : "")
                    + " (" + m + "x" + n + "x" + k + ", batch " + batch + "): " + CLBlastStatusCode.stringFor(status),
                    status, null);
        }
        return true;
    }
}
