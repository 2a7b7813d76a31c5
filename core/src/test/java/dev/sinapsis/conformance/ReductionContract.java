package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.integers;
import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.Inputs.Input;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reductions over every set of axes, with and without keepDim, against F64 loop references. */
public interface ReductionContract {

    /** Every non-empty subset of the axes, plus null (reduce everything). */
    static List<int[]> axisSets(int rank) {
        List<int[]> out = new ArrayList<>();
        out.add(null);
        for (int mask = 1; mask < (1 << rank); mask++) {
            int m = mask;
            out.add(java.util.stream.IntStream.range(0, rank).filter(i -> (m & (1 << i)) != 0).toArray());
        }
        return out;
    }

    static int[] all(int rank) {
        return java.util.stream.IntStream.range(0, rank).toArray();
    }

    /** The reduction inputs: every layout of rank 1 to 3 (0-d excluded: reducing it is trivial). */
    static List<Input> inputs(DType d, long seed, java.util.function.DoubleUnaryOperator dom) {
        List<Input> in = new ArrayList<>(Inputs.layouts(d, seed, dom));
        in.add(Inputs.input("[7,5,3]", seed + 40, d, dom, 7, 5, 3));
        return in;
    }

    static boolean hasEmptyGroup(int[] shape, int[] axes) {
        for (int a : axes) {
            if (shape[a] == 0) {
                return true;
            }
        }
        return Naive.numel(shape) == 0 && axes.length == shape.length;
    }

    @Test
    default void sumMeanVarStdOverEveryAxisSet() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            double tol = Naive.tol(d);
            for (Input in : inputs(d, 101, uniform(-3, 5))) {
                for (int[] axesArg : axisSets(in.shape().length)) {
                    int[] axes = axesArg == null ? all(in.shape().length) : axesArg;
                    for (boolean keep : new boolean[] {false, true}) {
                        String w = d + " " + in + " axes " + java.util.Arrays.toString(axesArg) + " keepDim " + keep;
                        int[] rs = Naive.reducedShape(in.shape(), axes, keep);
                        double[] v = in.values();
                        int[] s = in.shape();
                        double[] sumAbs = Naive.reduce(v, s, axes, Naive::sumAbs);
                        Naive.assertClose("sum " + w, Naive.reduce(v, s, axes, Naive::sum), sumAbs, rs,
                                in.t().sum(axesArg, keep), tol);
                        double[] meanScale = Naive.reduce(v, s, axes, g -> Naive.sumAbs(g) / g.length);
                        Naive.assertClose("mean " + w, Naive.reduce(v, s, axes, g -> Naive.sum(g) / g.length),
                                meanScale, rs, in.t().mean(axesArg, keep), tol);
                        for (boolean unbiased : new boolean[] {false, true}) {
                            int c = unbiased ? 1 : 0;
                            double[] var = Naive.reduce(v, s, axes, g -> variance(g, c));
                            double[] sq = Naive.reduce(v, s, axes, g -> sumSq(g) / Math.max(0, g.length - c));
                            Naive.assertClose("var(unbiased=" + unbiased + ") " + w, var, sq, rs,
                                    in.t().var(axesArg, unbiased, keep), tol);
                            Naive.assertClose("std(unbiased=" + unbiased + ") " + w, Naive.map(var, Math::sqrt),
                                    Naive.map(sq, Math::sqrt), rs, in.t().std(axesArg, unbiased, keep), 2 * tol);
                        }
                    }
                }
            }
        }
    }

    static double variance(double[] g, int correction) {
        double mean = Naive.sum(g) / g.length;
        double s = 0;
        for (double x : g) {
            s += (x - mean) * (x - mean);
        }
        return s / Math.max(0, g.length - correction);
    }

    static double sumSq(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return s;
    }

    @Test
    default void maxMinLogsumexpOverEveryAxisSet() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            boolean fl = d == DType.F32 || d == DType.F64;
            for (Input in : inputs(d, 103, fl ? uniform(-20, 20) : integers(-1000, 1000))) {
                for (int[] axesArg : axisSets(in.shape().length)) {
                    int[] axes = axesArg == null ? all(in.shape().length) : axesArg;
                    for (boolean keep : new boolean[] {false, true}) {
                        String w = d + " " + in + " axes " + java.util.Arrays.toString(axesArg) + " keepDim " + keep;
                        Tensor x = in.t();
                        if (hasEmptyGroup(in.shape(), axes)) {
                            assertThrows(ShapeException.class, () -> x.max(axesArg, keep), "max " + w);
                            assertThrows(ShapeException.class, () -> x.min(axesArg, keep), "min " + w);
                            continue;
                        }
                        int[] rs = Naive.reducedShape(in.shape(), axes, keep);
                        double[] v = in.values();
                        int[] s = in.shape();
                        Tensor mx = x.max(axesArg, keep);
                        assertEquals(d, mx.dtype());
                        Naive.assertExact("max " + w, Naive.reduce(v, s, axes, ReductionContract::max), rs, mx);
                        Naive.assertExact("min " + w, Naive.reduce(v, s, axes, g -> -max(Naive.map(g, t -> -t))), rs,
                                x.min(axesArg, keep));
                        if (fl) {
                            double[] lse = Naive.reduce(v, s, axes, ReductionContract::logsumexp);
                            double[] scale = Naive.reduce(v, s, axes, g -> max(Naive.map(g, Math::abs)));
                            Naive.assertClose("logsumexp " + w, lse, scale, rs, x.logsumexp(axes, keep), Naive.tol(d));
                        } else {
                            Naive.assertExact("int sum " + w, Naive.reduce(v, s, axes, Naive::sum), rs,
                                    x.sum(axesArg, keep));
                            assertEquals(d, x.sum(axesArg, keep).dtype());
                        }
                    }
                }
            }
        }
    }

    static double max(double[] g) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : g) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double logsumexp(double[] g) {
        double m = max(g);
        double s = 0;
        for (double x : g) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    static double argFirst(double[] g, boolean max) {
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            if (max ? g[i] > g[best] : g[i] < g[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    default void argmaxArgminTakeTheFirstIndexOnTies() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            for (Input in : inputs(d, 107, integers(-3, 3))) {
                double[] v = in.values();
                int[] s = in.shape();
                Tensor x = in.t();
                if (v.length > 0) {
                    Tensor am = x.argmax();
                    assertEquals(DType.I64, am.dtype());
                    assertEquals(0, am.rank(), "argmax() is 0-d");
                    assertEquals(argFirst(v, true), am.item(), "argmax() " + d + " " + in);
                    assertEquals(argFirst(v, false), x.argmin().item(), "argmin() " + d + " " + in);
                } else {
                    assertThrows(ShapeException.class, x::argmax, "argmax of empty " + in);
                }
                for (int axis = 0; axis < s.length; axis++) {
                    int[] axes = {axis};
                    for (boolean keep : new boolean[] {false, true}) {
                        String w = d + " " + in + " axis " + axis + " keepDim " + keep;
                        if (s[axis] == 0) {
                            int ax = axis;
                            assertThrows(ShapeException.class, () -> x.argmax(ax, keep), "argmax " + w);
                            continue;
                        }
                        int[] rs = Naive.reducedShape(s, axes, keep);
                        Naive.assertExact("argmax " + w, Naive.reduce(v, s, axes, g -> argFirst(g, true)), rs,
                                x.argmax(axis, keep));
                        Naive.assertExact("argmin " + w, Naive.reduce(v, s, axes, g -> argFirst(g, false)), rs,
                                x.argmin(axis - s.length, keep));
                    }
                }
            }
        }
    }

    @Test
    default void logsumexpIsStableForLargeMagnitudes() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            Tensor x = Naive.tensor(new double[] {1000, 1000, -1000, -1000, -1000, -999}, d, 2, 3);
            Naive.assertClose("logsumexp +-1000 rows " + d,
                    new double[] {1000 + Math.log(2), -999 + Math.log(1 + 2 * Math.exp(-1))}, new int[] {2},
                    x.logsumexp(new int[] {1}, false), Naive.tol(d));
            Naive.assertClose("logsumexp +-1000 all " + d, new double[] {1000 + Math.log(2)}, new int[] {1, 1},
                    x.logsumexp(new int[] {0, 1}, true), Naive.tol(d));
            Tensor neg = Naive.tensor(new double[] {-1000, -1000}, d);
            Naive.assertClose("logsumexp -1000 " + d, new double[] {-1000 + Math.log(2)}, new int[] {},
                    neg.logsumexp(new int[] {0}, false), Naive.tol(d));
        }
    }

    @Test
    default void sumsOfEmptyAndBoolTensors() {
        assertEquals(0.0, Tensor.zeros(0).sum().item());
        Naive.assertExact("sum [3,0] axis 1", new double[] {0, 0, 0}, new int[] {3}, Tensor.zeros(3, 0).sum(1));
        Naive.assertExact("sum [0,3] axis 1", new double[0], new int[] {0}, Tensor.zeros(0, 3).sum(1));
        assertTrue(Double.isNaN(Tensor.zeros(0).mean().item()), "mean of nothing is NaN");
        Tensor mask = Tensor.of(new boolean[] {true, false, true, true, false, true}, 2, 3);
        Tensor count = mask.sum();
        assertEquals(DType.I64, count.dtype());
        assertEquals(4, count.item());
        assertArrayEquals(new long[] {2, 2}, mask.sum(1).toLongArray());
    }

    @Test
    default void largeFullReductionsAreAccurateInF32() {
        int n = 1_000_000;
        float[] tenths = new float[n];
        java.util.Arrays.fill(tenths, 0.1f);
        double exact = n * (double) 0.1f;
        double got = Tensor.of(tenths).sum().item();
        // a naive float accumulator drifts to ~100958; pairwise, blocked or double accumulation stays close
        assertEquals(exact, got, exact * 1e-5, "F32 sum of 1,000,000 x 0.1f");
        assertEquals(0.1f, Tensor.of(tenths).mean().item(), 1e-6, "F32 mean of 1,000,000 x 0.1f");
        double[] u = Naive.round(Naive.sample(113, n, uniform(0, 1)), DType.F32);
        Tensor t = Naive.tensor(u, DType.F32);
        assertEquals(Naive.sum(u), t.sum().item(), Naive.sum(u) * 1e-5, "F32 sum of 1,000,000 uniforms");
        assertEquals(max(u), t.max().item(), 0.0);
        assertEquals(argFirst(u, true), t.argmax().item());
        double[] w = Naive.sample(127, 4099, uniform(-1, 1));
        Naive.assertClose("F64 sum 4099", new double[] {Naive.sum(w)}, new double[] {Naive.sumAbs(w)}, new int[] {},
                Tensor.of(w).sum(), Naive.F64_TOL);
        Naive.assertClose("F64 var 4099", new double[] {variance(w, 1)}, new int[] {}, Tensor.of(w).var(),
                Naive.F64_TOL);
    }
}
