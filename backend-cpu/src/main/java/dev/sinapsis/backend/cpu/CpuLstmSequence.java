package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.LstmSequenceOps;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.gemm.JavaSgemm;
import dev.sinapsis.backend.cpu.gemm.Matrix;
import dev.sinapsis.backend.cpu.gemm.PackedB;
import dev.sinapsis.backend.cpu.gemm.SimpleGemm;
import dev.sinapsis.tensor.DType;

/**
 * The fused LSTM recurrence ({@link LstmSequenceOps}). The sequences of a batch are independent, so
 * the batch is split across cores once and each thread walks every time step over its own rows:
 * no hand-off between threads per step, where the step loop of the layer had several (a matmul,
 * the gate sum, the cell, each parallel on its own). Per step and thread: {@code h W_hh^T} for its
 * rows with the weight packed once per call ({@link JavaSgemm#pack}; F64 by the simple loop), then
 * {@link LstmRowMath} on each row in double, as {@link CpuLstmCell} does, with the same clamp and
 * flush of tiny values. Backward walks the steps the other way, the gate gradients of a step times
 * {@code W_hh} giving the state gradient of the step before it.
 */
final class CpuLstmSequence {
    private CpuLstmSequence() {
    }

    static void forward(View hs, View cs, View act, View gates, View wHh, View h0, View c0, int[] lengths,
                        boolean reverse) {
        DType type = gates.dtype();
        int steps = gates.dim(0);
        int batch = gates.dim(1);
        int n = wHh.dim(1);
        check(type, steps, batch, n, lengths, gates, wHh, h0, c0);
        requireContiguous("lstmSequence", hs, cs, act);
        fits("lstmSequence", hs, type, steps, batch, n);
        fits("lstmSequence", cs, type, steps, batch, n);
        fits("lstmSequence", act, type, steps, batch, 4 * n);
        double lim = LstmCellOps.clamp(type);
        double tiny = LstmCellOps.tiny(type);
        boolean f32 = type == DType.F32;
        Object w = array(wHh);
        // W_hh^T, [H, 4H]: the right operand of h W_hh^T
        Matrix wT = new Matrix(w, wHh.offset(), n, 4 * n, wHh.strides()[1], wHh.strides()[0]);
        PackedB packed = f32 ? JavaSgemm.pack(wT) : null;
        Object hsA = array(hs);
        Object csA = array(cs);
        Object actA = array(act);
        Object gA = array(gates);
        Object h0A = array(h0);
        Object c0A = array(c0);
        long costPerRow = (long) steps * n * (8L * n + 40);
        Parallel.forRange(batch, costPerRow, (from, to) -> {
            int m = to - from;
            Object hh = f32 ? new float[m * 4 * n] : new double[m * 4 * n];
            Matrix hhM = Matrix.rowMajor(hh, 0, m, 4 * n);
            double[] a = new double[4 * n];
            double[] p = new double[n];
            double[] cNew = new double[n];
            double[] hNew = new double[n];
            for (int s = 0; s < steps; s++) {
                int t = reverse ? steps - 1 - s : s;
                int prev = reverse ? t + 1 : t - 1;
                boolean first = s == 0;
                Matrix hPrev = first
                        ? new Matrix(h0A, h0.offset() + from * h0.strides()[0], m, n, h0.strides()[0], h0.strides()[1])
                        : Matrix.rowMajor(hsA, hs.offset() + (prev * batch + from) * n, m, n);
                if (f32) {
                    JavaSgemm.gemmSerial(hPrev, packed, hhM, false);
                } else {
                    SimpleGemm.gemmF64(hPrev, wT, hhM);
                }
                for (int r = from; r < to; r++) {
                    int stateAt = (t * batch + r) * n;
                    if (lengths != null && t >= lengths[r]) {
                        // a padded step: the state passes through unchanged
                        copyState(first, h0A, h0, c0A, c0, r, hsA, hs.offset(), csA, cs.offset(), (prev * batch + r) * n,
                                stateAt, n, tiny);
                        zero(actA, act.offset() + stateAt * 4, 4 * n);
                        continue;
                    }
                    int gAt = gates.offset() + t * gates.strides()[0] + r * gates.strides()[1];
                    // the gates as the composite forms them: the two operands summed in the dtype
                    sum(gA, gAt, gates.strides()[2], hh, (r - from) * 4 * n, a, 4 * n, tiny);
                    if (first) {
                        read(c0A, c0.offset() + r * c0.strides()[0], c0.strides()[1], n, p, 0, tiny);
                    } else {
                        read(csA, cs.offset() + (prev * batch + r) * n, 1, n, p, 0, tiny);
                    }
                    // flushes every result below tiny, so the stores below need not
                    LstmRowMath.forward(a, p, cNew, hNew, n, lim, tiny);
                    store(a, actA, act.offset() + stateAt * 4, 4 * n);
                    store(cNew, csA, cs.offset() + stateAt, n);
                    store(hNew, hsA, hs.offset() + stateAt, n);
                }
            }
        });
    }

    static void backward(View gradGates, View gradH0, View gradC0, View gradHs, View gradCs, View act, View cs,
                         View wHh, View c0, int[] lengths, boolean reverse) {
        DType type = act.dtype();
        int steps = act.dim(0);
        int batch = act.dim(1);
        int n = wHh.dim(1);
        check(type, steps, batch, n, lengths, act, wHh, c0, c0);
        requireContiguous("lstmSequenceBackward", gradGates, gradH0, gradC0, gradHs, gradCs, act, cs);
        fits("lstmSequenceBackward", gradGates, type, steps, batch, 4 * n);
        fits("lstmSequenceBackward", gradHs, type, steps, batch, n);
        fits("lstmSequenceBackward", gradCs, type, steps, batch, n);
        fits("lstmSequenceBackward", cs, type, steps, batch, n);
        fits("lstmSequenceBackward", gradH0, type, 1, batch, n);
        fits("lstmSequenceBackward", gradC0, type, 1, batch, n);
        double tiny = LstmCellOps.tiny(type);
        boolean f32 = type == DType.F32;
        Object w = array(wHh);
        // W_hh itself, [4H, H]: the right operand of dG W_hh
        Matrix wM = new Matrix(w, wHh.offset(), 4 * n, n, wHh.strides()[0], wHh.strides()[1]);
        PackedB packed = f32 ? JavaSgemm.pack(wM) : null;
        Object ggA = array(gradGates);
        Object ghA = array(gradHs);
        Object gcA = array(gradCs);
        Object actA = array(act);
        Object csA = array(cs);
        Object c0A = array(c0);
        int ggBase = gradGates.offset();
        long costPerRow = (long) steps * n * (8L * n + 40);
        Parallel.forRange(batch, costPerRow, (from, to) -> {
            int m = to - from;
            Object dh = f32 ? new float[m * n] : new double[m * n];   // d h_{t-1} from the step after
            Matrix dhM = Matrix.rowMajor(dh, 0, m, n);
            Object dc = f32 ? new float[m * n] : new double[m * n];   // d c_{t-1} from the step after
            double[] carried = new double[m * n];                     // a padded step's gh, passed on
            double[] a = new double[4 * n];
            double[] cRow = new double[n];
            double[] p = new double[n];
            double[] gh = new double[n];
            double[] gc = new double[n];
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s;
                int prev = reverse ? t + 1 : t - 1;
                boolean first = s == 0;
                boolean anyPadded = false;
                for (int r = from; r < to; r++) {
                    int i = (r - from) * n;
                    int stateAt = (t * batch + r) * n;
                    // the two contributions to each state's gradient, summed in the dtype as the tape does
                    sum(ghA, gradHs.offset() + stateAt, 1, dh, i, gh, n, tiny);
                    sum(gcA, gradCs.offset() + stateAt, 1, dc, i, gc, n, tiny);
                    if (lengths != null && t >= lengths[r]) {
                        zero(ggA, ggBase + stateAt * 4, 4 * n);
                        System.arraycopy(gh, 0, carried, i, n);
                        store(gc, dc, i, n);
                        anyPadded = true;
                        continue;
                    }
                    read(actA, act.offset() + stateAt * 4, 1, 4 * n, a, 0, 0);
                    read(csA, cs.offset() + stateAt, 1, n, cRow, 0, 0);
                    if (first) {
                        read(c0A, c0.offset() + r * c0.strides()[0], c0.strides()[1], n, p, 0, tiny);
                    } else {
                        read(csA, cs.offset() + (prev * batch + r) * n, 1, n, p, 0, tiny);
                    }
                    LstmRowMath.backward(a, cRow, p, gh, gc, n, tiny);
                    store(a, ggA, ggBase + stateAt * 4, 4 * n);
                    // kept in the dtype, as the composite stores the gradient of cPrev
                    store(p, dc, i, n);
                }
                Matrix dGates = Matrix.rowMajor(ggA, ggBase + (t * batch + from) * 4 * n, m, 4 * n);
                if (f32) {
                    JavaSgemm.gemmSerial(dGates, packed, dhM, false);
                } else {
                    SimpleGemm.gemmF64(dGates, wM, dhM);
                }
                if (anyPadded) {
                    for (int r = from; r < to; r++) {
                        if (t >= lengths[r]) {
                            int i = (r - from) * n;
                            for (int k = 0; k < n; k++) {
                                set(dh, i + k, carried[i + k]);
                            }
                        }
                    }
                }
            }
            for (int r = from; r < to; r++) {
                int i = (r - from) * n;
                double[] row = new double[n];
                for (int k = 0; k < n; k++) {
                    row[k] = get(dh, i + k);
                }
                write(row, 0, array(gradH0), gradH0.offset() + r * n, n, tiny);
                for (int k = 0; k < n; k++) {
                    row[k] = get(dc, i + k);
                }
                write(row, 0, array(gradC0), gradC0.offset() + r * n, n, tiny);
            }
        });
    }

    /** Shapes, dtypes and lengths of the operands with any strides. */
    private static void check(DType type, int steps, int batch, int n, int[] lengths, View gates, View wHh, View h0,
                              View c0) {
        if (!type.isFloating()) {
            throw new IllegalArgumentException("lstmSequence: needs F32 or F64, got " + type);
        }
        fits("lstmSequence", gates, type, steps, batch, 4 * n);
        if (wHh.dtype() != type || wHh.rank() != 2 || wHh.dim(0) != 4 * n) {
            throw new IllegalArgumentException("lstmSequence: W_hh " + wHh.dtype() + " " + wHh.shape()
                    + " should be " + type + " [" + 4 * n + ", " + n + "]");
        }
        fits("lstmSequence", h0, type, 1, batch, n);
        fits("lstmSequence", c0, type, 1, batch, n);
        if (lengths != null) {
            if (lengths.length != batch) {
                throw new IllegalArgumentException("lstmSequence: " + lengths.length + " lengths for " + batch
                        + " sequences");
            }
            for (int len : lengths) {
                if (len < 1 || len > steps) {
                    throw new IllegalArgumentException("lstmSequence: a length of " + len + " is outside [1, "
                            + steps + "]");
                }
            }
        }
    }

    /** {@code v} is {@code [steps, rows, cols]}, or {@code [rows, cols]} when {@code steps} is 1 and it is 2-d. */
    private static void fits(String op, View v, DType t, int steps, int rows, int cols) {
        boolean ok = v.dtype() == t && (v.rank() == 3 ? v.dim(0) == steps && v.dim(1) == rows && v.dim(2) == cols
                : v.rank() == 2 && steps == 1 && v.dim(0) == rows && v.dim(1) == cols);
        if (!ok) {
            throw new IllegalArgumentException(op + ": operand " + v.dtype() + " " + v.shape() + " should be " + t + " ["
                    + (steps == 1 && v.rank() == 2 ? "" : steps + ", ") + rows + ", " + cols + "]");
        }
    }

    private static void requireContiguous(String op, View... views) {
        for (View v : views) {
            if (!v.isContiguous()) {
                throw new IllegalArgumentException(op + ": outputs, saved values and gradients must be contiguous");
            }
        }
    }

    private static Object array(View v) {
        return CpuStorage.of(v.storage()).array();
    }

    /**
     * {@code dst[k] = x[at + k*step] + y[yAt + k]} for {@code k < len}, added in the arrays' dtype
     * (float or double) and widened; F64 sums below {@code tiny} are 0 (F32 ones cannot be subnormal
     * as doubles).
     */
    private static void sum(Object x, int at, int step, Object y, int yAt, double[] dst, int len, double tiny) {
        if (x instanceof float[] f) {
            float[] h = (float[]) y;
            if (step == 1) {
                LstmRowMath.widenSum(f, at, h, yAt, dst, len);
            } else {
                for (int k = 0; k < len; k++, at += step) {
                    dst[k] = f[at] + h[yAt + k];
                }
            }
        } else {
            double[] d = (double[]) x;
            double[] h = (double[]) y;
            for (int k = 0; k < len; k++, at += step) {
                double v = d[at] + h[yAt + k];
                dst[k] = Math.abs(v) < tiny ? 0 : v;
            }
        }
    }

    /** {@code src[0, len)}, already flushed of tiny values, into {@code dst} from {@code at}, rounded to its dtype. */
    private static void store(double[] src, Object dst, int at, int len) {
        if (dst instanceof float[] f) {
            for (int k = 0; k < len; k++) {
                f[at + k] = (float) src[k];
            }
        } else {
            System.arraycopy(src, 0, (double[]) dst, at, len);
        }
    }

    /** {@code len} elements {@code step} apart from {@code at} into {@code dst}; F64 below {@code tiny} as 0. */
    private static void read(Object src, int at, int step, int len, double[] dst, int off, double tiny) {
        if (src instanceof float[] f && step == 1 && off == 0) {
            LstmRowMath.widen(f, at, dst, len);
        } else if (src instanceof float[] f) {
            for (int k = 0; k < len; k++, at += step) {
                dst[off + k] = f[at];
            }
        } else {
            double[] d = (double[]) src;
            for (int k = 0; k < len; k++, at += step) {
                double x = d[at];
                dst[off + k] = Math.abs(x) < tiny ? 0 : x;
            }
        }
    }

    /** {@code src[off, off+len)} into {@code dst} from {@code at}, below {@code tiny} as 0. */
    private static void write(double[] src, int off, Object dst, int at, int len, double tiny) {
        if (dst instanceof float[] f) {
            for (int k = 0; k < len; k++) {
                double x = src[off + k];
                f[at + k] = Math.abs(x) < tiny ? 0f : (float) x;
            }
        } else {
            double[] d = (double[]) dst;
            for (int k = 0; k < len; k++) {
                double x = src[off + k];
                d[at + k] = Math.abs(x) < tiny ? 0 : x;
            }
        }
    }

    /** A padded step's state: the previous one (the initial state, flushed, on the first step). */
    private static void copyState(boolean first, Object h0A, View h0, Object c0A, View c0, int r, Object hsA,
                                  int hsOff, Object csA, int csOff, int prevAt, int at, int n, double tiny) {
        double[] row = new double[n];
        if (first) {
            read(h0A, h0.offset() + r * h0.strides()[0], h0.strides()[1], n, row, 0, 0);
            write(row, 0, hsA, hsOff + at, n, tiny);
            read(c0A, c0.offset() + r * c0.strides()[0], c0.strides()[1], n, row, 0, 0);
            write(row, 0, csA, csOff + at, n, tiny);
        } else {
            System.arraycopy(hsA, hsOff + prevAt, hsA, hsOff + at, n);
            System.arraycopy(csA, csOff + prevAt, csA, csOff + at, n);
        }
    }

    private static void zero(Object a, int at, int len) {
        if (a instanceof float[] f) {
            java.util.Arrays.fill(f, at, at + len, 0f);
        } else {
            java.util.Arrays.fill((double[]) a, at, at + len, 0.0);
        }
    }

    private static double get(Object a, int i) {
        return a instanceof float[] f ? f[i] : ((double[]) a)[i];
    }

    private static void set(Object a, int i, double x) {
        if (a instanceof float[] f) {
            f[i] = (float) x;
        } else {
            ((double[]) a)[i] = x;
        }
    }
}
