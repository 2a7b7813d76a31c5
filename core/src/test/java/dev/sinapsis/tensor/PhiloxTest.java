package dev.sinapsis.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known-answer tests of Philox4x32-10 (Random123's kat_vectors) and the derived samplers. */
class PhiloxTest {

    @Test
    void zeroCounterZeroKey() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                Philox.block(0, 0, 0, 0, 0, 0));
    }

    @Test
    void allOnes() {
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                Philox.block(-1, -1, -1, -1, -1, -1));
    }

    @Test
    void digitsOfPi() {
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test
    void samplersStayInRange() {
        for (long i = 0; i < 10_000; i++) {
            float u = Philox.uniformFloat(7, i);
            double d = Philox.uniformDouble(7, i);
            long r = Philox.randint(7, i, -3, 5);
            assertTrue(u >= 0 && u < 1, "uniformFloat " + u);
            assertTrue(d >= 0 && d < 1, "uniformDouble " + d);
            assertTrue(r >= -3 && r < 5, "randint " + r);
            assertTrue(Double.isFinite(Philox.standardNormal(7, i)));
        }
    }

    @Test
    void normalMomentsAreStandard() {
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (long i = 0; i < n; i++) {
            double z = Philox.standardNormal(11, i);
            sum += z;
            sq += z * z;
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.01);
        assertEquals(1, sq / n - mean * mean, 0.01);
    }

    @Test
    void randintCoversTheRangeUniformly() {
        int[] counts = new int[10];
        for (long i = 0; i < 100_000; i++) {
            counts[(int) Philox.randint(3, i, 0, 10)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 500);
        }
    }
}
