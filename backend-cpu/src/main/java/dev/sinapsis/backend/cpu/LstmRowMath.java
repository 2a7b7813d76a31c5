package dev.sinapsis.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The LSTM cell's arithmetic on one batch row held in double arrays, vectorised with the Vector API
 * (whose exp and tanh are the processor's vector math routines, about ten times faster than
 * {@code Math.exp}/{@code Math.tanh}), with a scalar tail of the same formulas. Gates are in
 * PyTorch's order i, f, g, o: {@code a[j]}, {@code a[n + j]}, {@code a[2n + j]}, {@code a[3n + j]}.
 * Everything is computed in double, F32 included: its products then never underflow (see
 * {@code LstmCellOps}). (Evaluating F32's sigmoid and tanh in float vectors instead measured no
 * faster: 9.5 against 8.5 ns per hidden unit forward, with the conversions.)
 */
final class LstmRowMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /**
     * The preferred float species, twice {@link #S}'s lanes, converted in two halves. Only this one:
     * a second float shape anywhere in the process (a 256-bit species for a lane-for-lane conversion
     * was tried) pollutes the type profiles C2 relies on to intrinsify the Vector API, and the GEMM
     * kernels then ran its Java fallback: an LSTM step 5x slower.
     */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Whether {@link #F} holds exactly two {@link #S} vectors. */
    private static final boolean PAIRED = F.length() == 2 * S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1);

    private LstmRowMath() {
    }

    /**
     * Forward: {@code a} holds the pre-activations and receives the activated gates; {@code c} and
     * {@code h} receive the new state from {@code p} (the previous cell state). Pre-activations are
     * clamped to {@code [-lim, lim]}; every result below {@code tiny} is 0.
     */
    static void forward(double[] a, double[] p, double[] c, double[] h, int n, double lim, double tiny) {
        // four short loops, not one: as one loop the method outgrew C2's node budget
        // (NodeCountInliningCutoff), and its last vector stores and tanh ran the Vector API's Java fallback
        activate(a, 0, 2 * n, lim, tiny, false);
        activate(a, 2 * n, 3 * n, lim, tiny, true);
        activate(a, 3 * n, 4 * n, lim, tiny, false);
        state(a, p, c, h, n, tiny);
    }

    /** {@code a[from, to)} clamped, through sigmoid (or tanh), below {@code tiny} as 0. */
    private static void activate(double[] a, int from, int to, double lim, double tiny, boolean tanh) {
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, a, j).max(-lim).min(lim);
            // the flush written out, not called: C2 declined to inline such a helper ("callee uses too
            // much stack") and the call ran the Vector API's slow Java fallback
            // exp and tanh written out too: through small helpers C2 left calls to code that ran the
            // fallback's per-lane Math.tanh (6 % of an LSTM step)
            DoubleVector y = tanh ? x.lanewise(VectorOperators.TANH)
                    : ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1));
            y.blend(0, y.abs().compare(VectorOperators.LT, tiny)).intoArray(a, j);
        }
        for (; j < to; j++) {
            double x = clamp(a[j], lim);
            a[j] = flush(tanh ? Math.tanh(x) : sigmoid(x), tiny);
        }
    }

    /** {@code c = f p + i g} and {@code h = o tanh(c)} from the activated gates, below {@code tiny} as 0. */
    private static void state(double[] a, double[] p, double[] c, double[] h, int n, double tiny) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            DoubleVector i = DoubleVector.fromArray(S, a, j);
            DoubleVector f = DoubleVector.fromArray(S, a, n + j);
            DoubleVector g = DoubleVector.fromArray(S, a, 2 * n + j);
            DoubleVector o = DoubleVector.fromArray(S, a, 3 * n + j);
            DoubleVector cv = f.mul(DoubleVector.fromArray(S, p, j)).add(i.mul(g));
            // c as it is written, so h agrees with it
            cv = cv.blend(0, cv.abs().compare(VectorOperators.LT, tiny));
            cv.intoArray(c, j);
            DoubleVector hv = o.mul(cv.lanewise(VectorOperators.TANH));
            hv.blend(0, hv.abs().compare(VectorOperators.LT, tiny)).intoArray(h, j);
        }
        for (; j < n; j++) {
            double cv = flush(a[n + j] * p[j] + a[j] * a[2 * n + j], tiny);
            c[j] = cv;
            h[j] = flush(a[3 * n + j] * Math.tanh(cv), tiny);
        }
    }

    /**
     * {@code dst[k] = x[xAt + k] + y[yAt + k]} for {@code k < len}: summed in float, as the composite
     * adds two F32 tensors, then widened (a vector loop; the scalar one did not vectorise and cost
     * four times as much).
     */
    static void widenSum(float[] x, int xAt, float[] y, int yAt, double[] dst, int len) {
        int k = 0;
        if (PAIRED) {
            for (int bound = F.loopBound(len); k < bound; k += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, xAt + k).add(FloatVector.fromArray(F, y, yAt + k));
                ((DoubleVector) v.convertShape(VectorOperators.F2D, S, 0)).intoArray(dst, k);
                ((DoubleVector) v.convertShape(VectorOperators.F2D, S, 1)).intoArray(dst, k + S.length());
            }
        }
        for (; k < len; k++) {
            dst[k] = x[xAt + k] + y[yAt + k];
        }
    }

    /** {@code dst[k] = x[xAt + k]} widened, for {@code k < len}. */
    static void widen(float[] x, int xAt, double[] dst, int len) {
        int k = 0;
        if (PAIRED) {
            for (int bound = F.loopBound(len); k < bound; k += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, xAt + k);
                ((DoubleVector) v.convertShape(VectorOperators.F2D, S, 0)).intoArray(dst, k);
                ((DoubleVector) v.convertShape(VectorOperators.F2D, S, 1)).intoArray(dst, k + S.length());
            }
        }
        for (; k < len; k++) {
            dst[k] = x[xAt + k];
        }
    }

    private static double flush(double x, double tiny) {
        return Math.abs(x) < tiny ? 0 : x;
    }

    /**
     * Backward: {@code a} holds the activated gates and receives the gradient of the pre-activations;
     * {@code p} holds the previous cell state and receives its gradient; {@code c} is the new cell
     * state, {@code gh} and {@code gc} the gradients of {@code h} and {@code c} ({@code gc} is
     * overwritten with the cell state's whole gradient).
     */
    static void backward(double[] a, double[] c, double[] p, double[] gh, double[] gc, int n) {
        backward(a, c, p, gh, gc, n, 0);
    }

    /**
     * {@link #backward(double[], double[], double[], double[], double[], int)} with results below
     * {@code tiny} as 0; {@code gc} is overwritten with the cell state's whole gradient. Two loops,
     * not one: as one, the method outgrew C2's node budget and its vector stores ran the Vector
     * API's Java fallback.
     */
    static void backward(double[] a, double[] c, double[] p, double[] gh, double[] gc, int n, double tiny) {
        outputGate(a, c, gh, gc, n, tiny);
        cellGates(a, p, gc, n, tiny);
    }

    /** {@code gc += gh o (1 - tanh(c)^2)} and the output gate's gradient {@code gh tanh(c) o (1 - o)}. */
    private static void outputGate(double[] a, double[] c, double[] gh, double[] gc, int n, double tiny) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            DoubleVector o = DoubleVector.fromArray(S, a, 3 * n + j);
            DoubleVector tc = DoubleVector.fromArray(S, c, j).lanewise(VectorOperators.TANH);
            DoubleVector dh = DoubleVector.fromArray(S, gh, j);
            DoubleVector.fromArray(S, gc, j).add(dh.mul(o).mul(tc.mul(tc).neg().add(1))).intoArray(gc, j);
            DoubleVector dout = dh.mul(tc).mul(o.mul(o.neg().add(1)));
            dout.blend(0, dout.abs().compare(VectorOperators.LT, tiny)).intoArray(a, 3 * n + j);
        }
        for (; j < n; j++) {
            double o = a[3 * n + j];
            double tc = Math.tanh(c[j]);
            gc[j] += gh[j] * o * (1 - tc * tc);
            a[3 * n + j] = flush(gh[j] * tc * (o * (1 - o)), tiny);
        }
    }

    /** The i, f, g gates' gradients and {@code cPrev}'s (into {@code p}) from the cell's gradient {@code dc}. */
    private static void cellGates(double[] a, double[] p, double[] dcs, int n, double tiny) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            DoubleVector i = DoubleVector.fromArray(S, a, j);
            DoubleVector f = DoubleVector.fromArray(S, a, n + j);
            DoubleVector g = DoubleVector.fromArray(S, a, 2 * n + j);
            DoubleVector dc = DoubleVector.fromArray(S, dcs, j);
            DoubleVector di = dc.mul(g).mul(i.mul(i.neg().add(1)));
            DoubleVector df = dc.mul(DoubleVector.fromArray(S, p, j)).mul(f.mul(f.neg().add(1)));
            DoubleVector dg = dc.mul(i).mul(g.mul(g).neg().add(1));
            DoubleVector dp = dc.mul(f);
            di.blend(0, di.abs().compare(VectorOperators.LT, tiny)).intoArray(a, j);
            df.blend(0, df.abs().compare(VectorOperators.LT, tiny)).intoArray(a, n + j);
            dg.blend(0, dg.abs().compare(VectorOperators.LT, tiny)).intoArray(a, 2 * n + j);
            dp.blend(0, dp.abs().compare(VectorOperators.LT, tiny)).intoArray(p, j);
        }
        for (; j < n; j++) {
            double i = a[j];
            double f = a[n + j];
            double g = a[2 * n + j];
            double dc = dcs[j];
            a[j] = flush(dc * g * (i * (1 - i)), tiny);
            a[n + j] = flush(dc * p[j] * (f * (1 - f)), tiny);
            a[2 * n + j] = flush(dc * i * (1 - g * g), tiny);
            p[j] = flush(dc * f, tiny);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double clamp(double x, double lim) {
        return Math.max(-lim, Math.min(lim, x));
    }
}
