package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.BinaryOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorArithmetic} against the scalar float operation, bit for bit, for every operator and
 * both broadcast sides, over lengths with whole vectors and a tail, with NaN, signed zeros,
 * infinities and subnormals among the values. The loops run warm first, so that C2's compiled lanes
 * are what is checked, not only the Vector API's Java fallback.
 */
class VectorArithmeticTest {
    private static final BinaryOp[] OPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX,
        BinaryOp.MIN};
    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE};

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextDouble(-3, 3);
        }
        return v;
    }

    private static float scalar(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            default -> throw new AssertionError(op);
        };
    }

    @Test
    void everyOperatorMatchesTheScalarOperationBitForBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] wx = values(rnd, 512);
        float[] wy = values(rnd, 512);
        float[] wd = new float[512];
        for (int rep = 0; rep < 3000; rep++) {
            for (BinaryOp op : OPS) {
                VectorArithmetic.binaryF32(op, wd, 0, wx, 0, 1, wy, 0, rep % 3 == 0 ? 0 : 1, 512);
            }
        }
        for (int n : new int[] {1, 15, 16, 33, 200}) {
            float[] x = values(rnd, n + 3);
            float[] y = values(rnd, n + 5);
            int[][] strides = {{1, 1}, {1, 0}, {0, 1}};
            for (BinaryOp op : OPS) {
                for (int[] s : strides) {
                    float[] dst = new float[n + 1];
                    assertTrue(VectorArithmetic.binaryF32(op, dst, 1, x, 3, s[0], y, 5, s[1], n));
                    for (int i = 0; i < n; i++) {
                        float a = x[3 + i * s[0]];
                        float b = y[5 + i * s[1]];
                        assertEquals(Float.floatToIntBits(scalar(op, a, b)), Float.floatToIntBits(dst[1 + i]),
                                op + "(" + a + ", " + b + "), strides " + s[0] + "," + s[1] + ", n " + n + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void declinesWhatItDoesNotVectorise() {
        float[] a = {1, 2, 3};
        float[] dst = {7, 7, 7};
        assertFalse(VectorArithmetic.binaryF32(BinaryOp.ADD, dst, 0, a, 0, 0, a, 0, 0, 3), "two broadcast values");
        assertFalse(VectorArithmetic.binaryF32(BinaryOp.ADD, dst, 0, a, 0, 2, a, 0, 1, 1), "a stride of 2");
        assertFalse(VectorArithmetic.binaryF32(BinaryOp.POW, dst, 0, a, 0, 1, a, 0, 1, 3), "pow");
        assertEquals(7f, dst[0], "nothing written when declined");
    }
}
