package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * Reductions over the trailing dimensions. Many outputs: split across cores by output. Few
 * outputs over many elements (a full sum): each output's range is split into chunks reduced in
 * parallel and combined in order, so results are deterministic. F32 sums accumulate in double.
 */
final class CpuReduce {
    private CpuReduce() {
    }

    /** A running reduction of one output over part of its range. */
    private static final class Partial {
        final ReduceOp op;
        double value;
        long longValue;
        long index = -1;
        long position;
        boolean seen;

        Partial(ReduceOp op) {
            this.op = op;
            value = op == ReduceOp.PROD ? 1 : 0;
            longValue = op == ReduceOp.PROD ? 1 : 0;
        }

        void offer(double v) {
            switch (op) {
                case SUM -> value += v;
                case PROD -> value *= v;
                default -> {
                    if (!seen || wins(v, value)) {
                        value = v;
                        index = position;
                        seen = true;
                    }
                }
            }
            position++;
        }

        void offer(long v) {
            switch (op) {
                case SUM -> longValue += v;
                case PROD -> longValue *= v;
                default -> {
                    boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
                    if (!seen || (max ? v > longValue : v < longValue)) {
                        longValue = v;
                        index = position;
                        seen = true;
                    }
                }
            }
            position++;
        }

        /** Strictly better (ties keep the earlier element); NaN beats any number. */
        private boolean wins(double v, double current) {
            if (v != v) {
                return current == current;
            }
            boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
            return max ? v > current : v < current;
        }

        /** Folds in the partial of the range that follows this one. */
        void combine(Partial next, boolean floating) {
            switch (op) {
                case SUM -> {
                    value += next.value;
                    longValue += next.longValue;
                }
                case PROD -> {
                    value *= next.value;
                    longValue *= next.longValue;
                }
                default -> {
                    if (!next.seen) {
                        return;
                    }
                    boolean better;
                    if (!seen) {
                        better = true;
                    } else if (floating) {
                        better = wins(next.value, value);
                    } else {
                        boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
                        better = max ? next.longValue > longValue : next.longValue < longValue;
                    }
                    if (better) {
                        value = next.value;
                        longValue = next.longValue;
                        index = next.index;
                        seen = true;
                    }
                }
            }
        }
    }

    static void reduce(ReduceOp op, View out, View in) {
        int outRank = out.rank();
        int[] inDims = in.shape().toArray();
        int[] inStrides = in.strides();
        int[] innerDims = Arrays.copyOfRange(inDims, outRank, inDims.length);
        int[] innerStrides = Arrays.copyOfRange(inStrides, outRank, inStrides.length);
        StridedLoop inner = StridedLoop.of(innerDims, new int[][] {innerStrides}, new int[] {0});
        int[][] outerStrides = {out.strides(), Arrays.copyOf(inStrides, outRank)};
        StridedLoop outer = StridedLoop.of(out.shape().toArray(), outerStrides, new int[] {out.offset(), in.offset()});
        int innerSize = inner.numel();
        int outputs = out.numel();
        Object src = CpuStorage.of(in.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        DType t = in.dtype();
        boolean floating = t.isFloating();
        boolean manyOutputs = outputs >= Parallel.threads() || (long) innerSize < Parallel.MIN_WORK;
        if (manyOutputs && t == DType.F32 && inner.rowLength() == innerSize) {
            // the common case (one strided run per output): no per-output objects
            float[] f = (float[]) src;
            int s = inner.innerStride(0);
            outer.parallel(Math.max(1, innerSize), (off, n) -> {
                int os = outer.innerStride(0);
                int is = outer.innerStride(1);
                if (op == ReduceOp.SUM && os == 1 && is == 1 && s != 1 && n > 1) {
                    // sums down the columns of row-major rows (a bias gradient): row by row
                    ColumnSums.sum(f, off[1], s, innerSize, n, (float[]) dst, off[0]);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    rowF32(op, f, off[1] + i * is, s, innerSize, dst, off[0] + i * os);
                }
            });
            return;
        }
        if (manyOutputs) {
            outer.parallel(Math.max(1, innerSize), (off, n) -> {
                for (int i = 0; i < n; i++) {
                    Partial p = new Partial(op);
                    accumulate(p, src, t, inner, off[1] + i * outer.innerStride(1), 0, innerSize);
                    store(p, op, dst, out.dtype(), off[0] + i * outer.innerStride(0), floating);
                }
            });
            return;
        }
        int chunks = Parallel.threads() * 4;
        outer.run(0, outputs, (off, n) -> {
            for (int i = 0; i < n; i++) {
                int base = off[1] + i * outer.innerStride(1);
                Partial[] parts = new Partial[chunks];
                Parallel.forRange(chunks, innerSize / chunks + 1, (from, to) -> {
                    for (int c = from; c < to; c++) {
                        int lo = (int) ((long) innerSize * c / chunks);
                        int hi = (int) ((long) innerSize * (c + 1) / chunks);
                        Partial p = new Partial(op);
                        p.position = lo;
                        accumulate(p, src, t, inner, base, lo, hi);
                        parts[c] = p;
                    }
                });
                for (int c = 1; c < chunks; c++) {
                    parts[0].combine(parts[c], floating);
                }
                store(parts[0], op, dst, out.dtype(), off[0] + i * outer.innerStride(0), floating);
            }
        });
    }

    /** Reduces {@code n} floats at {@code base} with stride {@code s} into {@code dst[at]}. */
    private static void rowF32(ReduceOp op, float[] f, int base, int s, int n, Object dst, int at) {
        switch (op) {
            case SUM -> {
                double sum = 0;
                if (s == 1) {
                    sum = sumF32(f, base, n);
                } else {
                    for (int k = 0; k < n; k++) {
                        sum += f[base + k * s];
                    }
                }
                ((float[]) dst)[at] = (float) sum;
            }
            case PROD -> {
                double prod = 1;
                for (int k = 0; k < n; k++) {
                    prod *= f[base + k * s];
                }
                ((float[]) dst)[at] = (float) prod;
            }
            default -> {
                boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
                float best = n > 0 ? f[base] : 0f;
                int index = 0;
                for (int k = 1; k < n && best == best; k++) { // stop at the first NaN: it wins
                    float v = f[base + k * s];
                    if (v != v || (max ? v > best : v < best)) {
                        best = v;
                        index = k;
                    }
                }
                if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
                    ((long[]) dst)[at] = index;
                } else {
                    ((float[]) dst)[at] = best;
                }
            }
        }
    }

    /**
     * The double sum of {@code n} contiguous floats from {@code o}: eight running sums (one per element
     * position modulo 8, combined in a fixed order), so the loop is not bound by one chain of dependent
     * additions; the same floats always give the same result.
     */
    static double sumF32(float[] f, int o, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += f[o + i];
            s1 += f[o + i + 1];
            s2 += f[o + i + 2];
            s3 += f[o + i + 3];
            s4 += f[o + i + 4];
            s5 += f[o + i + 5];
            s6 += f[o + i + 6];
            s7 += f[o + i + 7];
        }
        for (; i < n; i++) {
            s0 += f[o + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static void accumulate(Partial p, Object src, DType t, StridedLoop inner, int base, int from, int to) {
        int s = inner.innerStride(0);
        int[] bases = {base};
        if (t == DType.F32) {
            float[] f = (float[]) src;
            inner.run(from, to, bases, (off, n) -> {
                int o = off[0];
                if (p.op == ReduceOp.SUM) {
                    double sum = 0;
                    if (s == 1) {
                        sum = sumF32(f, o, n);
                    } else {
                        for (int i = 0; i < n; i++) {
                            sum += f[o + i * s];
                        }
                    }
                    p.value += sum;
                    p.position += n;
                } else {
                    for (int i = 0; i < n; i++) {
                        p.offer((double) f[o + i * s]);
                    }
                }
            });
        } else if (t == DType.F64) {
            double[] f = (double[]) src;
            inner.run(from, to, bases, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    p.offer(f[off[0] + i * s]);
                }
            });
        } else {
            inner.run(from, to, bases, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    p.offer(Elements.getLong(src, t, off[0] + i * s));
                }
            });
        }
    }

    private static void store(Partial p, ReduceOp op, Object dst, DType ot, int at, boolean floating) {
        if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            ((long[]) dst)[at] = Math.max(0, p.index);
        } else if (floating) {
            Elements.setDouble(dst, ot, at, p.value);
        } else {
            Elements.setLong(dst, ot, at, p.longValue);
        }
    }
}
