package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * The fused LSTM cell ({@link LstmCellOps}): rows of the batch split across cores; each row's gates
 * and state are read (any strides) into double scratch, computed there by {@link LstmRowMath}'s
 * vector loops, and written back; values below {@link LstmCellOps#tiny} are read and written as 0.
 * Forming F32's products in double is what keeps every intermediate normal (see
 * {@link LstmCellOps}); reading a float, even a subnormal one, into a double is exact and does not
 * take the processor's slow path.
 */
final class CpuLstmCell {
    /** Elementary operations per hidden unit (five transcendental functions), for the parallel split. */
    private static final long COST_PER_UNIT = 40;

    private CpuLstmCell() {
    }

    static void forward(View h, View c, View act, View gates, View cPrev) {
        DType t = gates.dtype();
        requireMatrix("lstmCell", cPrev);
        int rows = cPrev.dim(0);
        int n = cPrev.dim(1);
        check("lstmCell", t, rows, n, new View[] {gates, act}, cPrev, h, c);
        if (!h.isContiguous() || !c.isContiguous() || !act.isContiguous()) {
            throw new IllegalArgumentException("lstmCell: h, c and act must be contiguous");
        }
        double lim = LstmCellOps.clamp(t);
        double tiny = LstmCellOps.tiny(t);
        Parallel.forRange(rows, COST_PER_UNIT * n, (from, to) -> {
            double[] a = new double[4 * n];
            double[] p = new double[n];
            double[] cs = new double[n];
            double[] hs = new double[n];
            for (int r = from; r < to; r++) {
                load(gates, r, 4 * n, a, tiny);
                load(cPrev, r, n, p, tiny);
                LstmRowMath.forward(a, p, cs, hs, n, lim, tiny);
                store(a, act, r * 4 * n, 4 * n, tiny);
                store(cs, c, r * n, n, tiny);
                store(hs, h, r * n, n, tiny);
            }
        });
    }

    static void backward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c, View cPrev) {
        DType t = act.dtype();
        requireMatrix("lstmCellBackward", cPrev);
        int rows = cPrev.dim(0);
        int n = cPrev.dim(1);
        check("lstmCellBackward", t, rows, n, new View[] {gradGates, act}, cPrev, gradH, gradC, c, gradCPrev);
        for (View v : new View[] {gradGates, gradCPrev, gradH, gradC, act, c}) {
            if (!v.isContiguous()) {
                throw new IllegalArgumentException("lstmCellBackward: every operand but cPrev must be contiguous");
            }
        }
        double tiny = LstmCellOps.tiny(t);
        Parallel.forRange(rows, COST_PER_UNIT * n, (from, to) -> {
            double[] a = new double[4 * n];
            double[] cs = new double[n];
            double[] p = new double[n];
            double[] gh = new double[n];
            double[] gc = new double[n];
            for (int r = from; r < to; r++) {
                load(act, r, 4 * n, a, 0);
                load(c, r, n, cs, 0);
                load(cPrev, r, n, p, tiny);
                load(gradH, r, n, gh, tiny);
                load(gradC, r, n, gc, tiny);
                LstmRowMath.backward(a, cs, p, gh, gc, n);
                store(a, gradGates, r * 4 * n, 4 * n, tiny);
                store(p, gradCPrev, r * n, n, tiny);
            }
        });
    }

    private static void requireMatrix(String op, View cPrev) {
        if (cPrev.rank() != 2) {
            throw new IllegalArgumentException(op + ": cPrev must be [B, H], got " + cPrev.shape());
        }
    }

    /** Every operand of dtype {@code t}, 2-d, {@code rows} rows of {@code 4n} ({@code wide}) or {@code n} columns. */
    private static void check(String op, DType t, int rows, int n, View[] wide, View... narrow) {
        if (!t.isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64, got " + t);
        }
        for (View v : wide) {
            fits(op, v, t, rows, 4 * n);
        }
        for (View v : narrow) {
            fits(op, v, t, rows, n);
        }
    }

    private static void fits(String op, View v, DType t, int rows, int cols) {
        if (v.dtype() != t || v.rank() != 2 || v.dim(0) != rows || v.dim(1) != cols) {
            throw new IllegalArgumentException(op + ": operand " + v.dtype() + " " + v.shape() + " should be " + t
                    + " [" + rows + ", " + cols + "] (gates [B, 4H], states [B, H])");
        }
    }

    /** Row {@code r} of the 2-d {@code v} ({@code len} elements, any strides) into {@code dst}, |x| < {@code tiny} as 0. */
    private static void load(View v, int r, int len, double[] dst, double tiny) {
        int at = v.offset() + r * v.strides()[0];
        int step = v.strides()[1];
        Object src = CpuStorage.of(v.storage()).array();
        if (src instanceof float[] f) {
            for (int k = 0; k < len; k++, at += step) {
                dst[k] = f[at];
            }
        } else {
            double[] d = (double[]) src;
            for (int k = 0; k < len; k++, at += step) {
                double x = d[at];
                dst[k] = Math.abs(x) < tiny ? 0 : x;
            }
        }
    }

    /** {@code src[0, len)} into the contiguous {@code v} from element {@code pos}, |x| < {@code tiny} as 0. */
    private static void store(double[] src, View v, int pos, int len, double tiny) {
        int at = v.offset() + pos;
        Object dst = CpuStorage.of(v.storage()).array();
        if (dst instanceof float[] f) {
            for (int k = 0; k < len; k++) {
                double x = src[k];
                f[at + k] = Math.abs(x) < tiny ? 0f : (float) x;
            }
        } else {
            double[] d = (double[]) dst;
            for (int k = 0; k < len; k++) {
                double x = src[k];
                d[at + k] = Math.abs(x) < tiny ? 0 : x;
            }
        }
    }
}
