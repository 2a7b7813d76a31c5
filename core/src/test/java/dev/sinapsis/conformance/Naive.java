package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * F64 references computed by plain loops over {@code double[]} (never by the backend under test),
 * host data and the comparisons. The test inputs are built by {@link Inputs}.
 */
public final class Naive {
    /** Relative tolerance (absolute below magnitude 1) for F32 results. */
    public static final double F32_TOL = 1e-5;
    /** Relative tolerance (absolute below magnitude 1) for F64 results. */
    public static final double F64_TOL = 1e-12;

    private Naive() {
    }

    public static double tol(DType d) {
        return d == DType.F32 ? F32_TOL : F64_TOL;
    }

    // ------------------------------------------------------------ data

    /** {@code n} values {@code domain(u)} for u uniform in [0,1) from a seeded java.util.Random. */
    public static double[] sample(long seed, int n, DoubleUnaryOperator domain) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = domain.applyAsDouble(r.nextDouble());
        }
        return v;
    }

    public static DoubleUnaryOperator uniform(double lo, double hi) {
        return u -> lo + (hi - lo) * u;
    }

    /** Magnitude in [lo, hi) with a random sign (the sign from the low bit of the draw). */
    public static DoubleUnaryOperator awayFromZero(double lo, double hi) {
        return u -> {
            double s = (u * 1e6) % 2 < 1 ? -1 : 1;
            return s * (lo + (hi - lo) * ((u * 2) % 1));
        };
    }

    /** Integers in [lo, hi). */
    public static DoubleUnaryOperator integers(int lo, int hi) {
        return u -> lo + Math.floor((hi - lo) * u);
    }

    /** The values as the dtype holds them: float rounding, truncation toward zero, != 0. */
    public static double[] round(double[] v, DType d) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = switch (d) {
                case F32 -> (float) v[i];
                case F64 -> v[i];
                case I32 -> (int) (long) v[i];
                case I64 -> (long) v[i];
                case BOOL -> v[i] != 0 ? 1 : 0;
            };
        }
        return r;
    }

    /** A tensor of the dtype holding {@code round(v, d)}, built on the host (no backend arithmetic). */
    public static Tensor tensor(double[] v, DType d, int... shape) {
        int n = v.length;
        Tensor t = switch (d) {
            case F32 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) v[i];
                }
                yield Tensor.of(f, shape.length == 0 && n != 1 ? new int[] {n} : shape);
            }
            case F64 -> Tensor.of(v.clone(), shape.length == 0 && n != 1 ? new int[] {n} : shape);
            case I32 -> Tensor.of(Arrays.stream(v).mapToInt(x -> (int) (long) x).toArray(),
                    shape.length == 0 && n != 1 ? new int[] {n} : shape);
            case I64 -> Tensor.of(Arrays.stream(v).mapToLong(x -> (long) x).toArray(),
                    shape.length == 0 && n != 1 ? new int[] {n} : shape);
            case BOOL -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = v[i] != 0;
                }
                yield Tensor.of(b, shape.length == 0 && n != 1 ? new int[] {n} : shape);
            }
        };
        return shape.length == 0 && n == 1 ? t.reshape() : t;
    }

    // ------------------------------------------------------------ shapes and layouts

    public static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    public static int[] coord(int flat, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = flat % shape[d];
            flat /= shape[d];
        }
        return c;
    }

    public static int flat(int[] c, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + c[d];
        }
        return f;
    }

    public static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The values of {@code v} (shape {@code shape}) repeated to the broadcast shape {@code to}. */
    public static double[] broadcast(double[] v, int[] shape, int[] to) {
        double[] out = new double[numel(to)];
        int lead = to.length - shape.length;
        for (int i = 0; i < out.length; i++) {
            int[] c = coord(i, to);
            int[] src = new int[shape.length];
            for (int d = 0; d < shape.length; d++) {
                src[d] = shape[d] == 1 ? 0 : c[d + lead];
            }
            out[i] = v[flat(src, shape)];
        }
        return out;
    }

    public static int[] permuteShape(int[] shape, int[] order) {
        int[] s = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            s[i] = shape[order[i]];
        }
        return s;
    }

    /** Values of the permuted view: result axis i is input axis order[i]. */
    public static double[] permute(double[] v, int[] shape, int[] order) {
        int[] ps = permuteShape(shape, order);
        double[] out = new double[v.length];
        for (int i = 0; i < out.length; i++) {
            int[] c = coord(i, ps);
            int[] src = new int[shape.length];
            for (int d = 0; d < order.length; d++) {
                src[order[d]] = c[d];
            }
            out[i] = v[flat(src, shape)];
        }
        return out;
    }

    public static int[] sliceShape(int[] shape, int axis, int start, int end, int step) {
        int[] s = shape.clone();
        s[axis] = Math.max(0, (end - start + step - 1) / step);
        return s;
    }

    /** Values of elements {@code start, start+step, ... < end} along {@code axis}. */
    public static double[] slice(double[] v, int[] shape, int axis, int start, int end, int step) {
        int[] s = sliceShape(shape, axis, start, end, step);
        double[] out = new double[numel(s)];
        for (int i = 0; i < out.length; i++) {
            int[] c = coord(i, s);
            c[axis] = start + c[axis] * step;
            out[i] = v[flat(c, shape)];
        }
        return out;
    }

    public static double[] map(double[] v, DoubleUnaryOperator f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = f.applyAsDouble(v[i]);
        }
        return out;
    }

    /** {@code f(a, b)} elementwise with broadcasting. */
    public static double[] zip(Inputs.Input a, Inputs.Input b, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape(), b.shape());
        double[] x = broadcast(a.values(), a.shape(), shape);
        double[] y = broadcast(b.values(), b.shape(), shape);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i], y[i]);
        }
        return out;
    }

    // ------------------------------------------------------------ reductions and matmul

    /** Reduces the given axes; each group is passed in row-major order of the reduced axes. */
    public static double[] reduce(double[] v, int[] shape, int[] axes, ToDoubleFunction<double[]> f) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) {
            red[a] = true;
        }
        int[] keep = new int[shape.length];
        int groupSize = 1;
        for (int d = 0; d < shape.length; d++) {
            keep[d] = red[d] ? 1 : shape[d];
            groupSize *= red[d] ? shape[d] : 1;
        }
        int groups = numel(keep);
        double[][] g = new double[groups][groupSize];
        int[] fill = new int[groups];
        for (int i = 0; i < v.length; i++) {
            int[] c = coord(i, shape);
            for (int d = 0; d < shape.length; d++) {
                if (red[d]) {
                    c[d] = 0;
                }
            }
            int o = flat(c, keep);
            g[o][fill[o]++] = v[i];
        }
        double[] out = new double[groups];
        for (int i = 0; i < groups; i++) {
            out[i] = f.applyAsDouble(g[i]);
        }
        return out;
    }

    public static int[] reducedShape(int[] shape, int[] axes, boolean keepDim) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) {
            red[a] = true;
        }
        return java.util.stream.IntStream.range(0, shape.length).filter(d -> keepDim || !red[d])
                .map(d -> red[d] ? 1 : shape[d]).toArray();
    }

    public static double sum(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x;
        }
        return s;
    }

    public static double sumAbs(double[] g) {
        double s = 0;
        for (double x : g) {
            s += Math.abs(x);
        }
        return s;
    }

    /**
     * Batched matrix product with broadcast batch dims: returns {values, scale} where scale is
     * {@code sum_k |a_ik b_kj|}, the natural bound of rounding error. Operands are 2-d or more.
     */
    public static double[][] matmul(double[] a, int[] as, double[] b, int[] bs, int[] outShape) {
        int r = outShape.length;
        int m = outShape[r - 2];
        int n = outShape[r - 1];
        int k = as[as.length - 1];
        int[] batch = Arrays.copyOf(outShape, r - 2);
        int[] ab = Arrays.copyOf(as, as.length - 2);
        int[] bb = Arrays.copyOf(bs, bs.length - 2);
        double[] out = new double[numel(outShape)];
        double[] scale = new double[out.length];
        int batches = numel(batch);
        for (int t = 0; t < batches; t++) {
            int ia = flat(batchSource(coord(t, batch), ab), ab);
            int ib = flat(batchSource(coord(t, batch), bb), bb);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double abs = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[(ia * m + i) * k + p] * b[(ib * k + p) * n + j];
                        s += x;
                        abs += Math.abs(x);
                    }
                    out[(t * m + i) * n + j] = s;
                    scale[(t * m + i) * n + j] = abs;
                }
            }
        }
        return new double[][] {out, scale};
    }

    private static int[] batchSource(int[] c, int[] shape) {
        int lead = c.length - shape.length;
        int[] s = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            s[d] = shape[d] == 1 ? 0 : c[d + lead];
        }
        return s;
    }

    // ------------------------------------------------------------ assertions

    /** Shape, then every value within {@code tol * max(1, |expected|)}; NaN and infinities exactly. */
    public static void assertClose(String what, double[] expected, int[] shape, Tensor actual, double tol) {
        assertClose(what, expected, null, shape, actual, tol);
    }

    /** As above with a per-element error scale ({@code tol * max(1, |expected|, scale)}). */
    public static void assertClose(String what, double[] expected, double[] scale, int[] shape, Tensor actual,
                                   double tol) {
        assertArrayEquals(shape, actual.shape().toArray(), () -> what + ": shape");
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, () -> what + ": element count");
        for (int i = 0; i < got.length; i++) {
            double e = expected[i];
            double g = got[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                if (Double.compare(e, g) != 0) {
                    fail(what + ": element " + i + " expected " + e + " but got " + g);
                }
                continue;
            }
            double bound = tol * Math.max(1, Math.max(Math.abs(e), scale == null ? 0 : scale[i]));
            if (!(Math.abs(g - e) <= bound)) {
                fail(what + ": element " + i + " " + Arrays.toString(coord(i, shape)) + " expected " + e
                        + " but got " + g + " (error " + Math.abs(g - e) + " > " + bound + ")");
            }
        }
    }

    /** Exact comparison (integers, booleans as 0/1, bit-exact floats). */
    public static void assertExact(String what, double[] expected, int[] shape, Tensor actual) {
        assertArrayEquals(shape, actual.shape().toArray(), () -> what + ": shape");
        double[] got = actual.dtype() == DType.BOOL ? toDoubles(actual.toBooleanArray()) : actual.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            if (Double.compare(expected[i], got[i]) != 0 && !(expected[i] == 0 && got[i] == 0)) {
                fail(what + ": element " + i + " " + Arrays.toString(coord(i, shape)) + " expected "
                        + expected[i] + " but got " + got[i]);
            }
        }
        assertEquals(expected.length, got.length, () -> what + ": element count");
    }

    public static double[] toDoubles(boolean[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = b[i] ? 1 : 0;
        }
        return d;
    }
}
