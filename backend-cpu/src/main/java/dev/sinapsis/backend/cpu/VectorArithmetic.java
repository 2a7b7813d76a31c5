package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 {@code + - * / max min} over rows whose operands are each a unit-stride row or one broadcast
 * value, with the Vector API. C2 on JDK 17 left the plain loop ({@code dst[oo + i] = x[xo + i] +
 * y[yo + i]}) scalar in {@link CpuElementwise}: with three arrays of one type at unknown offsets it
 * cannot rule out that the output overlaps an input a few elements on. A 128x256 add ran 10 µs,
 * 0.3 ns an element (a linear layer's bias add was 6 % of an MLP training step); here, about a
 * quarter of that. Each lane is the same IEEE operation, rounded once, so the results are the scalar
 * loop's bit for bit ({@code max}/{@code min} lanes follow {@code Math.max}/{@code Math.min}: NaN
 * wins, -0 is below +0).
 *
 * <p>One small method per operator, as in {@link VectorLoops#compare}: C2 intrinsifies a lanewise
 * operation only with a constant operator, in a method small enough to inline.
 */
final class VectorArithmetic {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** One vector's worth of a broadcast operand's value, per thread. */
    private static final ThreadLocal<float[]> BROADCAST = ThreadLocal.withInitial(() -> new float[S.length()]);

    private VectorArithmetic() {
    }

    /** Whether {@link #binaryF32} takes these operands: each a unit-stride row or a broadcast value, not both values. */
    static boolean handles(BinaryOp op, int xs, int ys) {
        boolean strides = (xs == 1 || xs == 0) && (ys == 1 || ys == 0) && (xs | ys) != 0;
        return strides && switch (op) {
            case ADD, SUB, MUL, DIV, MAX, MIN -> true;
            default -> false;
        };
    }

    /**
     * {@code dst[oo + i] = op(x[xo + i * xs], y[yo + i * ys])} for {@code i < n}, where {@link #handles}
     * is true; false otherwise, writing nothing.
     */
    static boolean binaryF32(BinaryOp op, float[] dst, int oo, float[] x, int xo, int xs,
                             float[] y, int yo, int ys, int n) {
        if (!handles(op, xs, ys)) {
            return false;
        }
        int bound = S.loopBound(n);
        if (bound > 0) {
            // a broadcast operand is read as a vector of its value from a small array, at a fixed
            // offset: one loop for every case, and no vector that is sometimes a load and sometimes
            // a broadcast (C2 boxed such a merged vector on every iteration)
            float[] filled = xs == 0 || ys == 0 ? BROADCAST.get() : null;
            float[] xa = x;
            float[] ya = y;
            int xa0 = xo;
            int ya0 = yo;
            if (xs == 0) {
                java.util.Arrays.fill(filled, x[xo]);
                xa = filled;
                xa0 = 0;
            } else if (ys == 0) {
                java.util.Arrays.fill(filled, y[yo]);
                ya = filled;
                ya0 = 0;
            }
            switch (op) {
                case ADD -> add(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
                case SUB -> sub(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
                case MUL -> mul(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
                case DIV -> div(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
                case MAX -> max(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
                default -> min(dst, oo, xa, xa0, xs, ya, ya0, ys, bound);
            }
        }
        for (int i = bound; i < n; i++) {
            float a = x[xo + i * xs];
            float b = y[yo + i * ys];
            dst[oo + i] = switch (op) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case MAX -> Math.max(a, b);
                default -> Math.min(a, b);
            };
        }
        return true;
    }

    private static void add(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).add(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }

    private static void sub(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).sub(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }

    private static void mul(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).mul(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }

    private static void div(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).div(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }

    private static void max(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).max(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }

    private static void min(float[] dst, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i * xs).min(FloatVector.fromArray(S, y, yo + i * ys)).intoArray(dst, oo + i);
        }
    }
}
