package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Factories, host transfers, in-place updates and scalar access. */
public interface FactoryContract {

    @Test
    default void constantFactories() {
        for (DType d : DType.values()) {
            Naive.assertExact("zeros " + d, new double[33 * 37], new int[] {33, 37}, Tensor.zeros(Shape.of(33, 37), d));
            double[] ones = new double[1031];
            java.util.Arrays.fill(ones, 1);
            Naive.assertExact("ones " + d, ones, new int[] {1031}, Tensor.ones(Shape.of(1031), d));
            Tensor full = Tensor.full(Shape.of(7, 3), d, -2.5);
            double[] ex = new double[21];
            java.util.Arrays.fill(ex, Naive.round(new double[] {-2.5}, d)[0]);
            Naive.assertExact("full(-2.5) " + d, ex, new int[] {7, 3}, full);
            Naive.assertExact("onesLike " + d, java.util.Arrays.copyOf(ones, 21), new int[] {7, 3},
                    Tensor.onesLike(full));
            assertEquals(d, Tensor.zerosLike(full).dtype());
            assertEquals(0, Tensor.scalar(3, d).rank());
            assertEquals(Naive.round(new double[] {3}, d)[0], Tensor.scalar(3, d).item());
            assertEquals(0, Tensor.zeros(Shape.of(0, 5), d).numel());
        }
        assertEquals(DType.F32, Tensor.zeros(2).dtype());
        assertEquals(DType.F32, Tensor.full(1.5, 2, 2).dtype());
        Naive.assertExact("eye(5)", new double[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
            1}, new int[] {5, 5}, Tensor.eye(5));
    }

    @Test
    default void aranges() {
        Tensor a = Tensor.arange(1031);
        assertEquals(DType.I64, a.dtype());
        long[] ex = new long[1031];
        for (int i = 0; i < ex.length; i++) {
            ex[i] = i;
        }
        assertArrayEquals(ex, a.toLongArray());
        Naive.assertClose("arange(0, 1, 0.1) F64", new double[] {0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5,
            0.6000000000000001, 0.7000000000000001, 0.8, 0.9}, new int[] {10}, Tensor.arange(0, 1, 0.1, DType.F64),
                Naive.F64_TOL);
        Naive.assertExact("arange(5, -4, -3) I32", new double[] {5, 2, -1}, new int[] {3},
                Tensor.arange(5, -4, -3, DType.I32));
        assertEquals(0, Tensor.arange(3, 3, 1, DType.F32).numel());
    }

    @Test
    default void hostArraysAndItem() {
        float[] f = {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE};
        assertArrayEquals(f, Tensor.of(f).toFloatArray());
        double[] d = {1e-300, -0.1, Math.PI, Double.MIN_VALUE};
        assertArrayEquals(d, Tensor.of(d, 2, 2).toDoubleArray());
        long[] l = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        assertArrayEquals(l, Tensor.of(l).toLongArray(), "I64 round trip is exact");
        int[] i = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
        assertArrayEquals(new long[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, Tensor.of(i).toLongArray());
        boolean[] b = {true, false, false, true, true};
        assertArrayEquals(b, Tensor.of(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, true}, Tensor.of(new double[] {-0.5, 0, 2}).toBooleanArray());
        assertEquals(Math.PI, Tensor.of(new double[] {Math.PI}).item());
        assertEquals(7.0, Tensor.of(new double[] {1, 7}).select(0, 1).item());
        // downloads of non-contiguous views
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.t().toDoubleArray());
        assertArrayEquals(new float[] {3, 6}, m.select(1, 2).toFloatArray());
        assertArrayEquals(new long[] {1, 1, 1, 4, 4, 4}, m.slice(1, 0, 1).expand(2, 3).toLongArray());
        assertSame(m, m.to(m.backend()), "to(the same backend) is a no-op");
        assertSame(m, m.to(DType.F64), "to(the same dtype) is a no-op");
    }

    @Test
    default void inPlaceUpdates() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            double[] v = Naive.round(Naive.sample(3, 1031, Naive.uniform(-1, 1)), d);
            double[] w = Naive.round(Naive.sample(4, 1031, Naive.uniform(-1, 1)), d);
            Tensor p = Naive.tensor(v, d);
            Tensor before = p;
            p.addInPlace(Naive.tensor(w, d), -0.5);
            assertSame(before, p);
            double[] ex = new double[v.length];
            for (int i = 0; i < ex.length; i++) {
                ex[i] = v[i] - 0.5 * w[i];
            }
            Naive.assertClose("addInPlace " + d, ex, new int[] {1031}, p, Naive.tol(d));
            Tensor q = Tensor.zeros(Shape.of(4, 6), d);
            q.t().addInPlace(Tensor.ones(Shape.of(6, 1), d), 1);
            assertTrue(java.util.Arrays.stream(q.toDoubleArray()).allMatch(x -> x == 1), "addInPlace through a view");
        }
    }
}
