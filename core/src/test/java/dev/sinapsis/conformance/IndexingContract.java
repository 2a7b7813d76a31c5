package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** gather, scatterAdd, indexSelect, oneHot and maskedFill, with PyTorch's semantics. */
public interface IndexingContract {

    /** Reference gather: out[c] = in[c with c[axis] = index[c]]. */
    static double[] gather(double[] in, int[] inShape, int axis, long[] index, int[] idxShape) {
        double[] out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            int[] c = Naive.coord(i, idxShape);
            c[axis] = (int) index[i];
            out[i] = in[Naive.flat(c, inShape)];
        }
        return out;
    }

    /** Reference scatter-add into a copy of {@code base}. */
    static double[] scatterAdd(double[] base, int[] shape, int axis, long[] index, int[] idxShape, double[] src) {
        double[] out = base.clone();
        for (int i = 0; i < index.length; i++) {
            int[] c = Naive.coord(i, idxShape);
            c[axis] = (int) index[i];
            out[Naive.flat(c, shape)] += src[i];
        }
        return out;
    }

    static long[] indices(long seed, int n, int bound) {
        return java.util.Arrays.stream(Naive.sample(seed, n, Naive.integers(0, bound))).mapToLong(x -> (long) x)
                .toArray();
    }

    @Test
    default void gatherAlongEachAxis() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            int[] s = {5, 7, 3};
            double[] v = Naive.round(Naive.sample(1, 105, Naive.uniform(-9, 9)), d);
            Tensor x = Naive.tensor(v, d, s);
            int[][] idxShapes = {{4, 7, 3}, {5, 11, 2}, {3, 2, 6}};
            for (int axis = 0; axis < 3; axis++) {
                int[] is = idxShapes[axis];
                long[] idx = indices(10 + axis, Naive.numel(is), s[axis]);
                for (DType id : new DType[] {DType.I64, DType.I32}) {
                    Tensor index = Tensor.of(idx, is).to(id);
                    Naive.assertExact("gather axis " + axis + " " + d + " index " + id,
                            gather(v, s, axis, idx, is), is, x.gather(axis, index));
                }
            }
            // a transposed input and a transposed (non-contiguous) index
            double[] vt = Naive.permute(v, s, new int[] {2, 1, 0});
            int[] st = {3, 7, 5};
            long[] idx = indices(20, 3 * 7 * 2, 5);
            double[] ex = gather(vt, st, 2, idx, new int[] {3, 7, 2});
            Tensor index = Tensor.of(Naive.round(Naive.permute(java.util.Arrays.stream(idx).asDoubleStream().toArray(),
                    new int[] {3, 7, 2}, new int[] {2, 1, 0}), DType.F64), 2, 7, 3).to(DType.I64).transpose(0, 2);
            Naive.assertExact("gather transposed " + d, ex, new int[] {3, 7, 2}, x.transpose(0, 2).gather(-1, index));
            Naive.assertExact("gather empty " + d, new double[0], new int[] {5, 0, 3},
                    x.gather(1, Tensor.zeros(dev.sinapsis.tensor.Shape.of(5, 0, 3), DType.I64)));
        }
    }

    @Test
    default void scatterAddAccumulatesDuplicates() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            int[] s = {6, 9};
            double[] base = Naive.round(Naive.sample(2, 54, Naive.integers(-9, 9)), d);
            Tensor x = Naive.tensor(base, d, s);
            for (int axis = 0; axis < 2; axis++) {
                int[] is = axis == 0 ? new int[] {20, 9} : new int[] {6, 31};
                long[] idx = indices(30 + axis, Naive.numel(is), s[axis]);
                double[] src = Naive.round(Naive.sample(40 + axis, Naive.numel(is), Naive.integers(-9, 9)), d);
                Tensor out = x.scatterAdd(axis, Tensor.of(idx, is), Naive.tensor(src, d, is));
                Naive.assertExact("scatterAdd axis " + axis + " " + d, scatterAdd(base, s, axis, idx, is, src), s, out);
                Naive.assertExact("scatterAdd leaves its input unchanged " + d, base, s, x);
            }
            // index smaller than the input on the other axis, and a transposed source
            long[] idx = {0, 5, 5, 1, 5, 0};
            double[] src = Naive.round(new double[] {1, 2, 3, 4, 5, 6}, d);
            Tensor srcT = Naive.tensor(Naive.permute(src, new int[] {2, 3}, new int[] {1, 0}), d, 3, 2).t();
            Naive.assertExact("scatterAdd partial " + d, scatterAdd(base, s, 0, idx, new int[] {2, 3}, src), s,
                    x.scatterAdd(0, Tensor.of(idx, 2, 3), srcT));
        }
    }

    @Test
    default void scatterAddOfWholeRows() {
        // an embedding's gradient: one index per source row, broadcast along it (a stride-0 view), with
        // repeated rows and enough elements (300 x 130) for a backend to split the work
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            int[] s = {7, 130};
            int[] is = {300, 130};
            double[] base = Naive.round(Naive.sample(5, Naive.numel(s), Naive.integers(-9, 9)), d);
            long[] rows = indices(50, 300, 7);
            long[] idx = new long[Naive.numel(is)];
            for (int i = 0; i < 300; i++) {
                java.util.Arrays.fill(idx, i * 130, (i + 1) * 130, rows[i]);
            }
            double[] src = Naive.round(Naive.sample(51, Naive.numel(is), Naive.integers(-9, 9)), d);
            Tensor index = Tensor.of(rows, 300, 1).expand(300, 130);
            Tensor out = Naive.tensor(base, d, s).scatterAdd(0, index, Naive.tensor(src, d, is));
            Naive.assertExact("scatterAdd of whole rows " + d, scatterAdd(base, s, 0, idx, is, src), s, out);
            Tensor bad = Tensor.of(new long[] {0, 7, 1}, 3, 1).expand(3, 130);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> Naive.tensor(base, d, s).scatterAdd(0, bad, Tensor.ones(3, 130).to(d)));
        }
    }

    @Test
    default void indexSelectAndOneHot() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I64}) {
            int[] s = {4, 33};
            double[] v = Naive.round(Naive.sample(3, 132, Naive.uniform(-9, 9)), d);
            Tensor x = Naive.tensor(v, d, s);
            long[] rows = {3, 0, 3, 1, 2};
            double[] ex = new double[rows.length * 33];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(v, (int) rows[i] * 33, ex, i * 33, 33);
            }
            Naive.assertExact("indexSelect axis 0 " + d, ex, new int[] {5, 33}, x.indexSelect(0, Tensor.of(rows)));
            long[] colsIdx = {32, 0, 7};
            double[] exc = new double[4 * 3];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    exc[i * 3 + j] = v[i * 33 + (int) colsIdx[j]];
                }
            }
            Naive.assertExact("indexSelect axis 1 (I32 index) " + d, exc, new int[] {4, 3},
                    x.indexSelect(1, Tensor.of(new int[] {32, 0, 7})));
            Naive.assertExact("indexSelect of transposed " + d, Naive.permute(exc, new int[] {4, 3}, new int[] {1, 0}),
                    new int[] {3, 4}, x.t().indexSelect(0, Tensor.of(colsIdx)));
            Naive.assertExact("indexSelect empty index " + d, new double[0], new int[] {4, 0},
                    x.indexSelect(1, Tensor.of(new long[0])));
        }
        Tensor labels = Tensor.of(new long[] {2, 0, 4, 4, 1, 3}, 2, 3);
        Tensor oh = labels.oneHot(5);
        assertEquals(DType.I64, oh.dtype());
        assertArrayEquals(new int[] {2, 3, 5}, oh.shape().toArray());
        long[] exo = new long[30];
        long[] l = {2, 0, 4, 4, 1, 3};
        for (int i = 0; i < 6; i++) {
            exo[i * 5 + (int) l[i]] = 1;
        }
        assertArrayEquals(exo, oh.toLongArray());
        assertArrayEquals(exo, Tensor.of(new int[] {2, 0, 4, 4, 1, 3}, 2, 3).oneHot(5).toLongArray(), "I32 labels");
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 0}, labels.t().select(0, 1).oneHot(5).toLongArray(),
                "one-hot of a strided view (column 1 = [0, 1])");
        assertArrayEquals(new int[] {0, 4}, Tensor.of(new long[0]).oneHot(4).shape().toArray());
    }

    @Test
    default void maskedFillBroadcastsTheMask() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            double[] v = Naive.round(Naive.sample(4, 7 * 33, Naive.uniform(-9, 9)), d);
            Tensor x = Naive.tensor(v, d, 7, 33);
            boolean[] row = new boolean[33];
            for (int j = 0; j < 33; j += 3) {
                row[j] = true;
            }
            double[] ex = v.clone();
            for (int i = 0; i < ex.length; i++) {
                if (row[i % 33]) {
                    ex[i] = Naive.round(new double[] {-4.5}, d)[0];
                }
            }
            Naive.assertExact("maskedFill row mask " + d, ex, new int[] {7, 33}, x.maskedFill(Tensor.of(row), -4.5));
            Tensor full = x.gt(Naive.tensor(new double[] {0}, d));
            Naive.assertExact("maskedFill full mask " + d, Naive.map(v, a -> a > 0 ? 0 : a), new int[] {7, 33},
                    x.maskedFill(full, 0));
            Naive.assertExact("maskedFill transposed " + d, Naive.permute(Naive.map(v, a -> a > 0 ? 0 : a),
                    new int[] {7, 33}, new int[] {1, 0}), new int[] {33, 7}, x.t().maskedFill(full.t(), 0));
        }
    }

    @Test
    default void outOfRangeIndicesThrow() {
        Tensor x = Tensor.zeros(4, 5);
        assertThrows(IndexOutOfBoundsException.class, () -> x.gather(1, Tensor.of(new long[] {0, 5}, 1, 2)));
        assertThrows(IndexOutOfBoundsException.class, () -> x.gather(0, Tensor.of(new long[] {-1}, 1, 1)));
        // out-of-range indices that still land inside the storage must be caught too
        assertThrows(IndexOutOfBoundsException.class, () -> x.slice(0, 1, 4).gather(0, Tensor.of(new long[] {-1}, 1, 1)));
        assertThrows(IndexOutOfBoundsException.class, () -> x.gather(1, Tensor.of(new long[] {0, 0, 5, 0}, 2, 2)));
        assertThrows(IndexOutOfBoundsException.class,
                () -> x.scatterAdd(1, Tensor.of(new long[] {0, -2}, 2, 1), Tensor.ones(2, 1)));
        assertThrows(IndexOutOfBoundsException.class,
                () -> x.scatterAdd(0, Tensor.of(new long[] {0, 0, 4}, 1, 3), Tensor.ones(1, 3)));
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(0, Tensor.of(new long[] {1, 4})));
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(1, Tensor.of(new int[] {-1})));
        assertThrows(IndexOutOfBoundsException.class,
                () -> x.scatterAdd(0, Tensor.of(new long[] {4}, 1, 1), Tensor.ones(1, 1)));
        assertThrows(IndexOutOfBoundsException.class,
                () -> x.scatterAdd(1, Tensor.of(new long[] {-2}, 1, 1), Tensor.ones(1, 1)));
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, -6));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(new long[] {0, 3}).oneHot(3));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(new long[] {-1}).oneHot(3));
    }
}
