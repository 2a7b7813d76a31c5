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
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            DoubleVector i = sigmoid(DoubleVector.fromArray(S, a, j).max(-lim).min(lim));
            DoubleVector f = sigmoid(DoubleVector.fromArray(S, a, n + j).max(-lim).min(lim));
            DoubleVector g = tanh(DoubleVector.fromArray(S, a, 2 * n + j).max(-lim).min(lim));
            DoubleVector o = sigmoid(DoubleVector.fromArray(S, a, 3 * n + j).max(-lim).min(lim));
            DoubleVector cv = f.mul(DoubleVector.fromArray(S, p, j)).add(i.mul(g));
            // every result as it will be written (tiny values flushed), so h agrees with c. The flushes
            // are written out, not called: C2 declined to inline a helper here ("callee uses too much
            // stack") and the call ran the Vector API's slow Java fallback.
            cv = cv.blend(0, cv.abs().compare(VectorOperators.LT, tiny));
            i.blend(0, i.compare(VectorOperators.LT, tiny)).intoArray(a, j);
            f.blend(0, f.compare(VectorOperators.LT, tiny)).intoArray(a, n + j);
            g.blend(0, g.abs().compare(VectorOperators.LT, tiny)).intoArray(a, 2 * n + j);
            o.blend(0, o.compare(VectorOperators.LT, tiny)).intoArray(a, 3 * n + j);
            cv.intoArray(c, j);
            DoubleVector hv = o.mul(tanh(cv));
            hv.blend(0, hv.abs().compare(VectorOperators.LT, tiny)).intoArray(h, j);
        }
        for (; j < n; j++) {
            double i = sigmoid(clamp(a[j], lim));
            double f = sigmoid(clamp(a[n + j], lim));
            double g = Math.tanh(clamp(a[2 * n + j], lim));
            double o = sigmoid(clamp(a[3 * n + j], lim));
            double cv = flush(f * p[j] + i * g, tiny);
            a[j] = flush(i, tiny);
            a[n + j] = flush(f, tiny);
            a[2 * n + j] = flush(g, tiny);
            a[3 * n + j] = flush(o, tiny);
            c[j] = cv;
            h[j] = flush(o * Math.tanh(cv), tiny);
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
     * state, {@code gh} and {@code gc} the gradients of {@code h} and {@code c}.
     */
    static void backward(double[] a, double[] c, double[] p, double[] gh, double[] gc, int n) {
        backward(a, c, p, gh, gc, n, 0);
    }

    /** {@link #backward(double[], double[], double[], double[], double[], int)} with results below {@code tiny} as 0. */
    static void backward(double[] a, double[] c, double[] p, double[] gh, double[] gc, int n, double tiny) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            DoubleVector i = DoubleVector.fromArray(S, a, j);
            DoubleVector f = DoubleVector.fromArray(S, a, n + j);
            DoubleVector g = DoubleVector.fromArray(S, a, 2 * n + j);
            DoubleVector o = DoubleVector.fromArray(S, a, 3 * n + j);
            DoubleVector tc = tanh(DoubleVector.fromArray(S, c, j));
            DoubleVector dh = DoubleVector.fromArray(S, gh, j);
            DoubleVector pv = DoubleVector.fromArray(S, p, j);
            DoubleVector dc = DoubleVector.fromArray(S, gc, j).add(dh.mul(o).mul(tc.mul(tc).neg().add(1)));
            // flushes written out, as in forward
            DoubleVector di = dc.mul(g).mul(i.mul(i.neg().add(1)));
            DoubleVector df = dc.mul(pv).mul(f.mul(f.neg().add(1)));
            DoubleVector dg = dc.mul(i).mul(g.mul(g).neg().add(1));
            DoubleVector dout = dh.mul(tc).mul(o.mul(o.neg().add(1)));
            DoubleVector dp = dc.mul(f);
            di.blend(0, di.abs().compare(VectorOperators.LT, tiny)).intoArray(a, j);
            df.blend(0, df.abs().compare(VectorOperators.LT, tiny)).intoArray(a, n + j);
            dg.blend(0, dg.abs().compare(VectorOperators.LT, tiny)).intoArray(a, 2 * n + j);
            dout.blend(0, dout.abs().compare(VectorOperators.LT, tiny)).intoArray(a, 3 * n + j);
            dp.blend(0, dp.abs().compare(VectorOperators.LT, tiny)).intoArray(p, j);
        }
        for (; j < n; j++) {
            double i = a[j];
            double f = a[n + j];
            double g = a[2 * n + j];
            double o = a[3 * n + j];
            double tc = Math.tanh(c[j]);
            double dc = gc[j] + gh[j] * o * (1 - tc * tc);
            a[j] = flush(dc * g * (i * (1 - i)), tiny);
            a[n + j] = flush(dc * p[j] * (f * (1 - f)), tiny);
            a[2 * n + j] = flush(dc * i * (1 - g * g), tiny);
            a[3 * n + j] = flush(gh[j] * tc * (o * (1 - o)), tiny);
            p[j] = flush(dc * f, tiny);
        }
    }

    private static DoubleVector sigmoid(DoubleVector x) {
        return ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1));
    }

    private static DoubleVector tanh(DoubleVector x) {
        return x.lanewise(VectorOperators.TANH);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double clamp(double x, double lim) {
        return Math.max(-lim, Math.min(lim, x));
    }
}
