package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API loops against their scalar definitions, bit for bit, over lengths that cover
 * whole vectors and the scalar tail, with NaN, signed zeros and infinities among the values.
 */
class VectorLoopsTest {
    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE};

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 5 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextDouble(-2, 2);
        }
        return v;
    }

    @Test
    void reluIsMathMaxWithZero() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : new int[] {1, 15, 16, 37, 130}) {
            float[] src = values(rnd, n + 3);
            float[] dst = new float[n + 2];
            VectorLoops.relu(src, 3, dst, 2, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(Math.max(src[3 + i], 0f)), Float.floatToIntBits(dst[2 + i]),
                        "relu of " + src[3 + i] + " (n " + n + ", element " + i + ")");
            }
        }
    }

    @Test
    void selectIsTheTernaryForRowsAndBroadcastScalars() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n : new int[] {1, 17, 64, 75}) {
            boolean[] cond = new boolean[n + 1];
            for (int i = 0; i < cond.length; i++) {
                cond[i] = rnd.nextBoolean();
            }
            float[] x = values(rnd, n + 4);
            float[] y = values(rnd, n + 5);
            for (int xs = 0; xs <= 1; xs++) {
                for (int ys = 0; ys <= 1; ys++) {
                    float[] dst = new float[n];
                    VectorLoops.select(cond, 1, x, 4, xs, y, 5, ys, dst, 0, n);
                    for (int i = 0; i < n; i++) {
                        float want = cond[1 + i] ? x[4 + i * xs] : y[5 + i * ys];
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(dst[i]),
                                "select element " + i + " of " + n + " (strides " + xs + ", " + ys + ")");
                    }
                }
            }
        }
    }

    @Test
    void reluGradPassesTheGradientOnlyWhereTheInputIsPositive() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 15, 16, 37, 130}) {
            float[] x = values(rnd, n + 3);
            float[] grad = values(rnd, n + 1);
            float[] dst = new float[n + 2];
            VectorLoops.reluGrad(grad, 1, x, 3, dst, 2, n);
            for (int i = 0; i < n; i++) {
                // the definition CpuActivations kept for F64: x's bits in [1, 0x7f800000], (0, +inf]
                int bits = Float.floatToRawIntBits(x[3 + i]);
                boolean positive = bits >= 1 && bits <= 0x7f800000;
                float want = positive ? grad[1 + i] : 0f;
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(dst[2 + i]),
                        "relu gradient at x " + x[3 + i] + ", grad " + grad[1 + i] + " (n " + n + ", element " + i + ")");
            }
        }
    }
}
