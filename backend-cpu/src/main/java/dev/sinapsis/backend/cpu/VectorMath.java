package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 transcendental functions over unit-stride rows ({@code exp}, {@code log}, {@code tanh},
 * {@code sigmoid}, {@code log1p}, {@code expm1}) through the Vector API's double lanes, whose
 * {@code EXP}/{@code LOG}/{@code TANH} C2 compiles to the processor's vector math routines (SVML):
 * {@code Math.tanh} one element at a time ran 30 ns an element, 15 % of a GAN step.
 *
 * <p>Each block of floats is widened to double, evaluated, and rounded back to float once, as the
 * scalar path ({@code (float) Math.tanh((double) x)}) does: the vector routines are within an ulp of
 * the double result, so the float results differ from the scalar path's only where a double lands
 * within an ulp of a float rounding boundary. Where the double species has under four lanes (no AVX),
 * the Vector API would evaluate lane by lane, so the caller keeps its scalar loop.
 *
 * <p>One small method per function, with the operator a constant: C2 intrinsifies a lanewise
 * operation only with a constant operator, and only in a method small enough to inline it (see
 * {@link VectorLoops#compare}).
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per block: 4 KiB, in L1 with the float rows it is read from and written to. */
    private static final int BLOCK = 512;
    private static final ThreadLocal<double[]> BLOCKS = ThreadLocal.withInitial(() -> new double[BLOCK]);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1);

    private VectorMath() {
    }

    /** Whether {@link #unaryF32} evaluates {@code op} (otherwise the caller's scalar loop does). */
    static boolean handles(UnaryOp op) {
        return S.length() >= 4 && switch (op) {
            case EXP, LOG, TANH, SIGMOID, LOG1P, EXPM1 -> true;
            default -> false;
        };
    }

    /**
     * {@code dst[oo + i] = (float) op((double) src[xo + i])} for {@code i < n}; returns false, writing
     * nothing, for an operator {@link #handles} declines.
     */
    static boolean unaryF32(UnaryOp op, float[] dst, int oo, float[] src, int xo, int n) {
        if (!handles(op)) {
            return false;
        }
        double[] a = BLOCKS.get();
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            LstmRowMath.widen(src, xo + from, a, len);
            int i = switch (op) {
                case EXP -> exp(a, len);
                case LOG -> log(a, len);
                case TANH -> tanh(a, len);
                case SIGMOID -> sigmoid(a, len);
                case LOG1P -> log1p(a, len);
                case EXPM1 -> expm1(a, len);
                default -> throw new AssertionError(op);
            };
            // the tail (under one vector) as the scalar path
            for (; i < len; i++) {
                a[i] = Scalars.unary(op, a[i]);
            }
            int at = oo + from;
            for (int j = 0; j < len; j++) {
                dst[at + j] = (float) a[j];
            }
        }
        return true;
    }

    /**
     * exp over {@code a}'s whole vectors, in place; returns where the scalar tail starts (0 where
     * the double species has under four lanes: see {@link #handles}).
     */
    static int exp(double[] a, int len) {
        if (S.length() < 4) {
            return 0;
        }
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.EXP).intoArray(a, i);
        }
        return i;
    }

    /** log over {@code a}'s whole vectors; returns where the scalar tail starts. */
    private static int log(double[] a, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.LOG).intoArray(a, i);
        }
        return i;
    }

    /** tanh over {@code a}'s whole vectors; returns where the scalar tail starts. */
    private static int tanh(double[] a, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.TANH).intoArray(a, i);
        }
        return i;
    }

    /**
     * {@code 1 / (1 + exp(-x))} over {@code a}'s whole vectors; returns where the scalar tail starts.
     * In double this needs no case split for float inputs: {@code exp(-x)} overflows to infinity only
     * below {@code x = -709}, where the result, 0, is also the float's.
     */
    private static int sigmoid(double[] a, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            ONE.div(DoubleVector.fromArray(S, a, i).neg().lanewise(VectorOperators.EXP).add(1)).intoArray(a, i);
        }
        return i;
    }

    /** log1p over {@code a}'s whole vectors; returns where the scalar tail starts. */
    private static int log1p(double[] a, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.LOG1P).intoArray(a, i);
        }
        return i;
    }

    /** expm1 over {@code a}'s whole vectors; returns where the scalar tail starts. */
    private static int expm1(double[] a, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.EXPM1).intoArray(a, i);
        }
        return i;
    }
}
