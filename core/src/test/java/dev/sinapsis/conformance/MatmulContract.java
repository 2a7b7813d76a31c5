package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Matrix products of every rank combination, layout and odd size, against a naive triple loop. */
public interface MatmulContract {

    /** Checks {@code a @ b} where a and b are given by host values in their logical 2+-d form. */
    static void check(String what, DType d, Tensor a, double[] av, int[] as, Tensor b, double[] bv, int[] bs) {
        int[] a2 = as.length == 1 ? new int[] {1, as[0]} : as;
        int[] b2 = bs.length == 1 ? new int[] {bs[0], 1} : bs;
        int[] batch = Naive.broadcastShape(java.util.Arrays.copyOf(a2, a2.length - 2),
                java.util.Arrays.copyOf(b2, b2.length - 2));
        int[] full = java.util.Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = a2[a2.length - 2];
        full[batch.length + 1] = b2[b2.length - 1];
        double[][] ref = Naive.matmul(av, a2, bv, b2, full);
        int[] shape = full;
        if (as.length == 1) {
            shape = remove(shape, shape.length - 2);
        }
        if (bs.length == 1) {
            shape = remove(shape, shape.length - 1);
        }
        Tensor out = a.matmul(b);
        assertEquals(d, out.dtype());
        // rounding error of a length-k dot product is bounded by k * eps * sum |a_ik b_kj|
        Naive.assertClose(what + " " + d, ref[0], ref[1], shape, out, Naive.tol(d));
    }

    private static int[] remove(int[] s, int i) {
        int[] r = new int[s.length - 1];
        for (int j = 0, k = 0; j < s.length; j++) {
            if (j != i) {
                r[k++] = s[j];
            }
        }
        return r;
    }

    static void contiguous(String what, DType d, long seed, int[] as, int[] bs) {
        double[] av = Naive.round(Naive.sample(seed, Naive.numel(as), uniform(-1, 1)), d);
        double[] bv = Naive.round(Naive.sample(seed + 1, Naive.numel(bs), uniform(-1, 1)), d);
        check(what, d, Naive.tensor(av, d, as), av, as, Naive.tensor(bv, d, bs), bv, bs);
    }

    @Test
    default void vectorAndMatrixRankCombinations() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            contiguous("[7]@[7]", d, 1, new int[] {7}, new int[] {7});
            contiguous("[1]@[1]", d, 2, new int[] {1}, new int[] {1});
            contiguous("[1031]@[1031]", d, 3, new int[] {1031}, new int[] {1031});
            contiguous("[33]@[33,7]", d, 4, new int[] {33}, new int[] {33, 7});
            contiguous("[33,7]@[7]", d, 5, new int[] {33, 7}, new int[] {7});
            contiguous("[7]@[4,7,5]", d, 6, new int[] {7}, new int[] {4, 7, 5});
            contiguous("[4,5,7]@[7]", d, 7, new int[] {4, 5, 7}, new int[] {7});
            contiguous("[1,1]@[1,1]", d, 8, new int[] {1, 1}, new int[] {1, 1});
            contiguous("[0,5]@[5,3]", d, 9, new int[] {0, 5}, new int[] {5, 3});
            contiguous("[4,0]@[0,3] (zero inner)", d, 10, new int[] {4, 0}, new int[] {0, 3});
            contiguous("[0]@[0]", d, 11, new int[] {0}, new int[] {0});
        }
    }

    @Test
    default void oddSizes() {
        int[] sizes = {1, 7, 33, 65, 129, 257};
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (int i = 0; i < sizes.length; i++) {
                int m = sizes[i];
                int k = sizes[(i + 2) % sizes.length];
                int n = sizes[(i + 4) % sizes.length];
                contiguous("[" + m + "," + k + "]@[" + k + "," + n + "]", d, 20 + i, new int[] {m, k},
                        new int[] {k, n});
            }
            contiguous("[67,129]@[129,33]", d, 30, new int[] {67, 129}, new int[] {129, 33});
            contiguous("[257,1]@[1,65]", d, 31, new int[] {257, 1}, new int[] {1, 65});
            contiguous("[1,257]@[257,1]", d, 32, new int[] {1, 257}, new int[] {257, 1});
        }
    }

    @Test
    default void largeIsh() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            contiguous("[300,200]@[200,170]", d, 40, new int[] {300, 200}, new int[] {200, 170});
            contiguous("[130,513]@[513,97]", d, 41, new int[] {130, 513}, new int[] {513, 97});
            contiguous("[33,65]@[65,2111]", d, 42, new int[] {33, 65}, new int[] {65, 2111});
        }
    }

    @Test
    default void batchedWithBroadcastBatchDims() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            contiguous("[3,7,5]@[3,5,4]", d, 50, new int[] {3, 7, 5}, new int[] {3, 5, 4});
            contiguous("[2,1,7,5]@[3,5,4]", d, 51, new int[] {2, 1, 7, 5}, new int[] {3, 5, 4});
            contiguous("[7,5]@[2,3,5,33]", d, 52, new int[] {7, 5}, new int[] {2, 3, 5, 33});
            contiguous("[2,3,33,65]@[65,7]", d, 53, new int[] {2, 3, 33, 65}, new int[] {65, 7});
            contiguous("[1,4,9]@[5,9,2]", d, 54, new int[] {1, 4, 9}, new int[] {5, 9, 2});
            contiguous("[0,4,9]@[9,2]", d, 55, new int[] {0, 4, 9}, new int[] {9, 2});
        }
    }

    @Test
    default void nonContiguousOperands() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            int m = 67;
            int k = 129;
            int n = 33;
            double[] at = Naive.round(Naive.sample(60, k * m, uniform(-1, 1)), d);
            double[] bt = Naive.round(Naive.sample(61, n * k, uniform(-1, 1)), d);
            Tensor aT = Naive.tensor(at, d, k, m);
            Tensor bT = Naive.tensor(bt, d, n, k);
            double[] av = Naive.permute(at, new int[] {k, m}, new int[] {1, 0});
            double[] bv = Naive.permute(bt, new int[] {n, k}, new int[] {1, 0});
            double[] aPlain = av.clone();
            double[] bPlain = bv.clone();
            Tensor a = Naive.tensor(aPlain, d, m, k);
            Tensor b = Naive.tensor(bPlain, d, k, n);
            int[] as = {m, k};
            int[] bs = {k, n};
            check("a.t() @ b", d, aT.t(), av, as, b, bv, bs);
            check("a @ b.t()", d, a, av, as, bT.t(), bv, bs);
            check("a.t() @ b.t()", d, aT.t(), av, as, bT.t(), bv, bs);
            // stepped slices: every other column of a, every other row of b
            double[] wide = Naive.round(Naive.sample(62, m * 2 * k, uniform(-1, 1)), d);
            Tensor aw = Naive.tensor(wide, d, m, 2 * k).slice(1, 0, 2 * k, 2);
            double[] awv = Naive.slice(wide, new int[] {m, 2 * k}, 1, 0, 2 * k, 2);
            double[] tall = Naive.round(Naive.sample(63, 2 * k * n, uniform(-1, 1)), d);
            Tensor bw = Naive.tensor(tall, d, 2 * k, n).slice(0, 1, 2 * k, 2);
            double[] bwv = Naive.slice(tall, new int[] {2 * k, n}, 0, 1, 2 * k, 2);
            check("sliced(step 2) @ sliced(step 2)", d, aw, awv, as, bw, bwv, bs);
            // an expanded (stride-0) operand and a permuted batch
            double[] row = Naive.round(Naive.sample(64, k, uniform(-1, 1)), d);
            Tensor ae = Naive.tensor(row, d, 1, k).expand(m, k);
            check("expanded @ b", d, ae, Naive.broadcast(row, new int[] {1, k}, as), as, b, bv, bs);
            double[] cube = Naive.round(Naive.sample(65, 5 * 3 * 7, uniform(-1, 1)), d);
            Tensor pc = Naive.tensor(cube, d, 5, 3, 7).permute(1, 0, 2);
            double[] pcv = Naive.permute(cube, new int[] {5, 3, 7}, new int[] {1, 0, 2});
            double[] rhs = Naive.round(Naive.sample(66, 3 * 7 * 4, uniform(-1, 1)), d);
            Tensor r = Naive.tensor(rhs, d, 3, 4, 7).transpose(1, 2);
            double[] rv = Naive.permute(rhs, new int[] {3, 4, 7}, new int[] {0, 2, 1});
            check("permuted [3,5,7] @ transposed [3,7,4]", d, pc, pcv, new int[] {3, 5, 7}, r, rv,
                    new int[] {3, 7, 4});
        }
    }
}
