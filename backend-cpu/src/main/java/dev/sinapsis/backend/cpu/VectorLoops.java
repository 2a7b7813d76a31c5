package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unit-stride F32 loops written with the Vector API where C2 on JDK 17 does not vectorise the
 * plain loop: conversions between BOOL masks and floats, and comparisons. The plain loops branch on
 * the data and mispredict half the time on a ReLU mask (measured: 4.5 ns against 0.15 ns per element
 * for BOOL to F32).
 */
final class VectorLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector ZERO = FloatVector.zero(S);

    private VectorLoops() {
    }

    /** {@code dst[do + i] = src[so + i] ? 1 : 0}. */
    static void boolToFloat(boolean[] src, int so, float[] dst, int dOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            ZERO.blend(ONE, VectorMask.fromArray(S, src, so + i)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[so + i] ? 1 : 0;
        }
    }

    /**
     * {@code dst[dOff + i] = cond[co + i] ? x[xo + i * xs] : y[yo + i * ys]} for strides 0 or 1 (a
     * broadcast scalar or a row): {@code where} without a data-dependent branch.
     */
    static void select(boolean[] cond, int co, float[] x, int xo, int xs, float[] y, int yo, int ys,
                       float[] dst, int dOff, int n) {
        int i = 0;
        FloatVector xScalar = xs == 0 ? FloatVector.broadcast(S, x[xo]) : null;
        FloatVector yScalar = ys == 0 ? FloatVector.broadcast(S, y[yo]) : null;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector a = xs == 0 ? xScalar : FloatVector.fromArray(S, x, xo + i);
            FloatVector b = ys == 0 ? yScalar : FloatVector.fromArray(S, y, yo + i);
            b.blend(a, VectorMask.fromArray(S, cond, co + i)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = cond[co + i] ? x[xo + i * xs] : y[yo + i * ys];
        }
    }

    /** {@code dst[dOff + i] = Math.max(src[so + i], 0)}: NaN stays NaN, -0 becomes +0, as Math.max. */
    static void relu(float[] src, int so, float[] dst, int dOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, src, so + i).max(ZERO).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.max(src[so + i], 0f);
        }
    }

    /**
     * ReLU's gradient, {@code dst[dOff + i] = x[xo + i] > 0 ? grad[go + i] : +0}: NaN and -0 inputs
     * pass no gradient, as the scalar bit test in {@link CpuActivations#reluBackward} (a plain loop C2
     * left scalar there, 2 % of an MLP step's caller).
     */
    static void reluGrad(float[] grad, int go, float[] x, int xo, float[] dst, int dOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
            ZERO.blend(FloatVector.fromArray(S, grad, go + i), positive).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = x[xo + i] > 0 ? grad[go + i] : 0f;
        }
    }

    /** The Vector API comparison of a {@link BinaryOp} comparison, or null for the others. */
    static VectorOperators.Comparison comparison(BinaryOp op) {
        return switch (op) {
            case LT -> VectorOperators.LT;
            case LE -> VectorOperators.LE;
            case GT -> VectorOperators.GT;
            case GE -> VectorOperators.GE;
            case EQ -> VectorOperators.EQ;
            case NE -> VectorOperators.NE;
            default -> null;
        };
    }

    /**
     * {@code dst[oo + i] = x[xo + i] (cmp) y[yo + i * ys]} for unit-stride {@code x}, with {@code y}
     * unit-stride ({@code ys == 1}) or one broadcast value ({@code ys == 0}).
     */
    static void compare(BinaryOp op, float[] x, int xo, float[] y, int yo, int ys,
                        boolean[] dst, int oo, int n) {
        // C2 intrinsifies compare only with a constant operator (a parameter, even through a small
        // helper, ran the Java fallback: 12 % of a CNN training step in ReLU's backward), and only in
        // a method small enough to inline it: the twelve loops in one method passed C2's inlining
        // node limit and ran the fallback again (2 % of a cnn step). So: one small method per operator.
        int bound = S.loopBound(n);
        int i = switch (op) {
            case LT -> lessThan(x, xo, y, yo, ys, dst, oo, bound);
            case LE -> lessOrEqual(x, xo, y, yo, ys, dst, oo, bound);
            case GT -> greaterThan(x, xo, y, yo, ys, dst, oo, bound);
            case GE -> greaterOrEqual(x, xo, y, yo, ys, dst, oo, bound);
            case EQ -> equal(x, xo, y, yo, ys, dst, oo, bound);
            case NE -> notEqual(x, xo, y, yo, ys, dst, oo, bound);
            default -> 0;
        };
        for (; i < n; i++) {
            dst[oo + i] = Scalars.compare(op, x[xo + i], y[yo + i * ys]);
        }
    }

    /** LT over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int lessThan(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.LT, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.LT, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }

    /** LE over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int lessOrEqual(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.LE, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.LE, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }

    /** GT over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int greaterThan(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }

    /** GE over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int greaterOrEqual(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GE, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GE, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }

    /** EQ over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int equal(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.EQ, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.EQ, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }

    /** NE over the first {@code bound} elements (a multiple of the vector length); returns {@code bound}. */
    private static int notEqual(float[] x, int xo, float[] y, int yo, int ys, boolean[] dst, int oo, int bound) {
        if (ys == 0) {
            FloatVector t = FloatVector.broadcast(S, y[yo]);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.NE, t).intoArray(dst, oo + i);
            }
        } else {
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.NE, FloatVector.fromArray(S, y, yo + i))
                        .intoArray(dst, oo + i);
            }
        }
        return bound;
    }
}
