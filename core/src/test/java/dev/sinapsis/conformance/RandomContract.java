package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Distribution;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Philox;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Seeded fills reproduce {@link Philox} bit for bit; the distributions have the right moments. */
public interface RandomContract {

    @Test
    default void documentedFirstValues() {
        assertArrayEquals(new float[] {0.61295986f, 0.98771864f, 0.8258668f, 0.72959924f},
                Tensor.rand(new Generator(42), 4).toFloatArray());
        assertArrayEquals(new float[] {-0.9701898f, -0.07318151f, -0.33696187f, -0.37973726f},
                Tensor.randn(new Generator(42), 4).toFloatArray());
        assertArrayEquals(new long[] {6, 9, 8, 7}, Tensor.randint(new Generator(42), 0, 10, 4).toLongArray());
    }

    /** Every element equals Philox's value for (seed, offset + i), rounded to the dtype. */
    static void assertPhilox(String what, Tensor t, long seed, long offset, Distribution dist, double a, double b) {
        DType d = t.dtype();
        double[] got = d == DType.BOOL ? Naive.toDoubles(t.toBooleanArray()) : t.toDoubleArray();
        long[] gotLong = d == DType.I64 ? t.toLongArray() : null;
        for (int i = 0; i < got.length; i++) {
            double expected;
            if (dist == Distribution.RANDINT && d == DType.I64) {
                long e = Philox.randint(seed, offset + i, (long) a, (long) b);
                if (gotLong[i] != e) {
                    fail(what + ": element " + i + " expected " + e + " but got " + gotLong[i]);
                }
                continue;
            }
            double raw = Philox.sample(dist, seed, offset + i, a, b, d != DType.F64);
            expected = Naive.round(new double[] {raw}, d)[0];
            if (Double.compare(expected, got[i]) != 0) {
                fail(what + ": element " + i + " expected " + expected + " (Philox) but got " + got[i]);
            }
        }
    }

    @Test
    default void fillsAreBitExactPhilox() {
        long seed = 0x1234_5678_9ABCL;
        Generator g = new Generator(seed);
        Tensor u = Tensor.rand(g, 33, 37);
        assertArrayEquals(new int[] {33, 37}, u.shape().toArray());
        assertPhilox("rand F32 [33,37]", u, seed, 0, Distribution.UNIFORM, 0, 1);
        assertEquals(33 * 37, g.offset(), "a fill advances the counter by its element count");
        long off = g.offset();
        assertPhilox("uniform F64 [-2,3) [1031]", Tensor.uniform(g, Shape.of(1031), DType.F64, -2, 3), seed, off,
                Distribution.UNIFORM, -2, 3);
        off = g.offset();
        assertPhilox("uniform F32 [-2,3) [1031]", Tensor.uniform(g, Shape.of(1031), DType.F32, -2, 3), seed, off,
                Distribution.UNIFORM, -2, 3);
        off = g.offset();
        assertPhilox("randn F32 [1031]", Tensor.randn(g, 1031), seed, off, Distribution.NORMAL, 0, 1);
        off = g.offset();
        assertPhilox("normal F64 (mean 3, std 0.5) [7,149]", Tensor.normal(g, Shape.of(7, 149), DType.F64, 3, 0.5),
                seed, off, Distribution.NORMAL, 3, 0.5);
        off = g.offset();
        assertPhilox("randint [-5,1000) [2049]", Tensor.randint(g, -5, 1000, 2049), seed, off, Distribution.RANDINT,
                -5, 1000);
        off = g.offset();
        assertPhilox("randint wide range", Tensor.randint(g, -(1L << 40), 1L << 50, 1031), seed, off,
                Distribution.RANDINT, -(1L << 40), 1L << 50);
        for (DType d : DType.values()) {
            off = g.offset();
            assertPhilox("bernoulli(0.3) " + d, Tensor.bernoulli(g, Shape.of(1031), d, 0.3), seed, off,
                    Distribution.BERNOULLI, 0.3, 0);
        }
        // large fills, split across threads by a parallel backend
        off = g.offset();
        assertPhilox("rand F32 [100003]", Tensor.rand(g, 100_003), seed, off, Distribution.UNIFORM, 0, 1);
        off = g.offset();
        assertPhilox("normal F64 [100003]", Tensor.normal(g, Shape.of(100_003), DType.F64, 0, 1), seed, off,
                Distribution.NORMAL, 0, 1);
        off = g.offset();
        assertPhilox("randint [100003]", Tensor.randint(g, 0, 7, 100_003), seed, off, Distribution.RANDINT, 0, 7);
        off = g.offset();
        assertPhilox("bernoulli BOOL [100003]", Tensor.bernoulli(g, Shape.of(100_003), DType.BOOL, 0.5), seed, off,
                Distribution.BERNOULLI, 0.5, 0);
        off = g.offset();
        Tensor one = Tensor.rand(g, 1);
        assertPhilox("rand [1]", one, seed, off, Distribution.UNIFORM, 0, 1);
        assertEquals(0, Tensor.rand(g, 0).numel());
        assertEquals(off + 1, g.offset(), "an empty fill reserves nothing");
        // a negative seed and a counter offset beyond 2^32
        Generator neg = new Generator(-7);
        neg.reserve((1L << 32) - 3);
        assertPhilox("rand across the 2^32 counter boundary", Tensor.rand(neg, 1031), -7, (1L << 32) - 3,
                Distribution.UNIFORM, 0, 1);
    }

    @Test
    default void sameSeedSameTensorsDifferentSeedDifferent() {
        assertArrayEquals(Tensor.randn(new Generator(5), 1031).toFloatArray(),
                Tensor.randn(new Generator(5), 1031).toFloatArray());
        float[] a = Tensor.rand(new Generator(5), 1031).toFloatArray();
        float[] b = Tensor.rand(new Generator(6), 1031).toFloatArray();
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertTrue(same < 5, same + " equal elements between seeds 5 and 6");
        Generator g = new Generator(9);
        float[] first = Tensor.rand(g, 100).toFloatArray();
        float[] second = Tensor.rand(g, 100).toFloatArray();
        assertTrue(!java.util.Arrays.equals(first, second), "successive fills differ");
    }

    @Test
    default void momentsAreSane() {
        int n = 100_000;
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            double[] z = Tensor.normal(new Generator(77), Shape.of(n), d, 0, 1).toDoubleArray();
            double mean = Naive.sum(z) / n;
            double var = ReductionContract.variance(z, 1);
            // standard errors: 1/sqrt(n) = 0.0032 for the mean, sqrt(2/n) = 0.0045 for the variance
            assertEquals(0, mean, 0.02, "normal mean " + d);
            assertEquals(1, Math.sqrt(var), 0.02, "normal std " + d);
            double[] s = Tensor.normal(new Generator(78), Shape.of(n), d, -4, 2.5).toDoubleArray();
            assertEquals(-4, Naive.sum(s) / n, 0.05, "normal(-4, 2.5) mean " + d);
            assertEquals(2.5, Math.sqrt(ReductionContract.variance(s, 1)), 0.05, "normal(-4, 2.5) std " + d);
            double[] u = Tensor.uniform(new Generator(79), Shape.of(n), d, -1, 3).toDoubleArray();
            assertEquals(1, Naive.sum(u) / n, 0.02, "uniform(-1,3) mean " + d);
            for (double x : u) {
                assertTrue(x >= -1 && x < 3, "uniform value " + x + " in [-1, 3)");
            }
            double[] bern = Tensor.bernoulli(new Generator(80), Shape.of(n), d, 0.3).toDoubleArray();
            double rate = Naive.sum(bern) / n;
            assertEquals(0.3, rate, 0.01, "bernoulli(0.3) rate " + d);
            for (double x : bern) {
                assertTrue(x == 0 || x == 1, "bernoulli value " + x);
            }
        }
        assertEquals(0.0, Naive.sum(Tensor.bernoulli(new Generator(1), Shape.of(1000), DType.F32, 0).toDoubleArray()));
        assertEquals(1000.0, Naive.sum(Tensor.bernoulli(new Generator(1), Shape.of(1000), DType.F32, 1).toDoubleArray()));
        long[] r = Tensor.randint(new Generator(81), 0, 10, n).toLongArray();
        int[] counts = new int[10];
        for (long x : r) {
            assertTrue(x >= 0 && x < 10, "randint value " + x);
            counts[(int) x]++;
        }
        for (int c : counts) {
            assertEquals(n / 10.0, c, 600, "randint bucket count");
        }
    }
}
