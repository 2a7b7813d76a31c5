package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sinapsis.backend.UnaryOp;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The vector transcendental functions against the scalar path's {@code (float) f((double) x)}: equal
 * bit for bit at special values (NaN, signed zeros, infinities, overflow and underflow), and within
 * one float ulp elsewhere (the vector routines may differ from {@code Math}'s by a double ulp, which
 * moves a float's rounding only at a boundary), over lengths that cover several blocks, whole vectors
 * and the scalar tail, at offsets. (On this project's AVX-512 machine, 65,536 values in [-10, 10]
 * gave the scalar path's floats bit for bit for every function, at 1.1-2.5 against 10-43 ns an element.)
 */
class VectorMathTest {
    private static final UnaryOp[] OPS = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.LOG1P,
        UnaryOp.EXPM1};
    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, 100f, -100f, -1f, 30f, -30f, 1e-30f, -1e-30f, Float.MAX_VALUE,
        -Float.MAX_VALUE, 89f, -104f, -0.99999994f};

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextDouble(-12, 12);
        }
        return v;
    }

    @Test
    void everyFunctionIsTheScalarPathWithinOneUlp() {
        assumeTrue(DoubleVector.SPECIES_PREFERRED.length() >= 4, "no vector unit: the scalar path runs");
        SplittableRandom rnd = new SplittableRandom(3);
        for (UnaryOp op : OPS) {
            // long enough for C2 to compile the loops to the vector math routines, so their results
            // are the ones checked, not only the Vector API's lane-by-lane fallback
            float[] warm = values(rnd, 4096);
            for (int r = 0; r < 200; r++) {
                VectorMath.unaryF32(op, warm, 0, warm.clone(), 0, warm.length);
            }
            for (int n : new int[] {1, 7, 8, 37, 512, 513, 1300}) {
                float[] src = values(rnd, n + 5);
                float[] dst = new float[n + 2];
                dst[0] = 7f;
                dst[1 + n] = 7f;
                assertTrue(VectorMath.unaryF32(op, dst, 1, src, 5, n), op + " is evaluated in vectors");
                for (int i = 0; i < n; i++) {
                    float x = src[5 + i];
                    float want = (float) Scalars.unary(op, (double) x);
                    float got = dst[1 + i];
                    String what = op + "(" + x + ") at " + i + " of " + n;
                    if (Float.isNaN(want) || Float.isInfinite(want) || want == 0 || Float.isNaN(x) || Float.isInfinite(x)) {
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got), what);
                    } else {
                        assertTrue(Math.abs(got - want) <= Math.ulp(want), what + ": " + got + " against " + want);
                    }
                }
                assertEquals(7f, dst[0], op + " wrote before its row");
                assertEquals(7f, dst[1 + n], op + " wrote past its row");
            }
        }
    }

    @Test
    void otherOperatorsAreLeftToTheCaller() {
        float[] dst = {5f};
        assertFalse(VectorMath.unaryF32(UnaryOp.SIN, dst, 0, new float[] {1f}, 0, 1));
        assertFalse(VectorMath.unaryF32(UnaryOp.NEG, dst, 0, new float[] {1f}, 0, 1));
        assertEquals(5f, dst[0]);
    }
}
