package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.awayFromZero;
import static dev.sinapsis.conformance.Naive.integers;
import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.conformance.Inputs.Input;
import dev.sinapsis.conformance.Inputs.Pair;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.DTypeException;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Unary, binary, ternary and comparison ops and casts, against F64 loop references. */
public interface ElementwiseContract {

    /** A unary float op, its F64 reference and the input domain. */
    record Unary(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref, DoubleUnaryOperator domain) {
    }

    static List<Unary> unaryOps() {
        return List.of(
                new Unary("neg", Tensor::neg, x -> -x, uniform(-5, 5)),
                new Unary("abs", Tensor::abs, Math::abs, uniform(-5, 5)),
                new Unary("sign", Tensor::sign, Math::signum, integers(-2, 3)),
                new Unary("exp", Tensor::exp, Math::exp, uniform(-10, 10)),
                new Unary("log", Tensor::log, Math::log, uniform(0.01, 100)),
                new Unary("log1p", Tensor::log1p, Math::log1p, uniform(-0.9, 10)),
                new Unary("expm1", Tensor::expm1, Math::expm1, uniform(-3, 3)),
                new Unary("sqrt", Tensor::sqrt, Math::sqrt, uniform(0, 100)),
                new Unary("rsqrt", Tensor::rsqrt, x -> 1 / Math.sqrt(x), uniform(0.01, 100)),
                new Unary("reciprocal", Tensor::reciprocal, x -> 1 / x, awayFromZero(0.05, 20)),
                new Unary("square", Tensor::square, x -> x * x, uniform(-30, 30)),
                new Unary("sin", Tensor::sin, Math::sin, uniform(-10, 10)),
                new Unary("cos", Tensor::cos, Math::cos, uniform(-10, 10)),
                new Unary("tanh", Tensor::tanh, Math::tanh, uniform(-10, 10)),
                new Unary("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), uniform(-40, 40)),
                new Unary("relu", Tensor::relu, x -> Math.max(x, 0), uniform(-5, 5)),
                new Unary("floor", Tensor::floor, Math::floor, uniform(-50, 50)),
                new Unary("ceil", Tensor::ceil, Math::ceil, uniform(-50, 50)));
    }

    @Test
    default void unaryFloatOpsOnEveryLayout() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (Unary u : unaryOps()) {
                for (Input in : Inputs.layouts(d, u.name.hashCode(), u.domain)) {
                    Tensor out = u.op.apply(in.t());
                    assertEquals(d, out.dtype(), u.name + " dtype");
                    Naive.assertClose(u.name + " " + d + " " + in, Naive.map(in.values(), u.ref), in.shape(), out,
                            Naive.tol(d));
                }
            }
        }
    }

    @Test
    default void unaryExtremeValues() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            Tensor big = Naive.tensor(new double[] {-1000, -100, 0, 100, 1000}, d);
            Naive.assertClose("sigmoid saturates " + d, new double[] {0, 1 / (1 + Math.exp(100)), 0.5,
                1 / (1 + Math.exp(-100)), 1}, new int[] {5}, big.sigmoid(), Naive.tol(d));
            Naive.assertClose("tanh saturates " + d, new double[] {-1, -1, 0, 1, 1}, new int[] {5}, big.tanh(),
                    Naive.tol(d));
            // beyond 9.011 (F32) or 19.1 (F64) tanh rounds to exactly ±1, as on the JVM and in PyTorch: a
            // saturated tanh unit has gradient 1 - tanh^2 = 0, not 1e-7
            double edge = d == DType.F32 ? 9.5 : 20;
            Naive.assertExact("tanh is exactly ±1 when saturated " + d, new double[] {-1, -1, -1, 1, 1, 1},
                    new int[] {6}, Naive.tensor(new double[] {-1000, -100, -edge, edge, 100, 1000}, d).tanh());
            Tensor special = Naive.tensor(new double[] {0, -1, 1000}, d);
            Naive.assertClose("log " + d, new double[] {Double.NEGATIVE_INFINITY, Double.NaN, Math.log(1000)},
                    new int[] {3}, special.log(), Naive.tol(d));
            Naive.assertClose("exp overflows " + d, new double[] {1, Math.exp(-1), Double.POSITIVE_INFINITY},
                    new int[] {3}, special.exp(), Naive.tol(d));
        }
    }

    @Test
    default void nanPropagatesThroughMaximumMinimumAndCompareFalse() {
        double nan = Double.NaN;
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            Tensor a = Naive.tensor(new double[] {nan, 1, nan, -2, 3}, d);
            Tensor b = Naive.tensor(new double[] {1, nan, nan, 5, -1}, d);
            Naive.assertClose("maximum NaN " + d, new double[] {nan, nan, nan, 5, 3}, new int[] {5}, a.maximum(b),
                    Naive.tol(d));
            Naive.assertClose("minimum NaN " + d, new double[] {nan, nan, nan, -2, -1}, new int[] {5}, a.minimum(b),
                    Naive.tol(d));
            Naive.assertExact("lt NaN " + d, new double[] {0, 0, 0, 1, 0}, new int[] {5}, a.lt(b));
            Naive.assertExact("ge NaN " + d, new double[] {0, 0, 0, 0, 1}, new int[] {5}, a.ge(b));
            Naive.assertExact("eq NaN " + d, new double[] {0, 0, 0, 0, 0}, new int[] {5}, a.eq(b));
            Naive.assertExact("ne NaN " + d, new double[] {1, 1, 1, 1, 1}, new int[] {5}, a.ne(b));
            double[] big = Naive.sample(7, 70001, uniform(-1, 1));
            big[40000] = nan;
            Tensor t = Naive.tensor(big, d);
            Naive.assertClose("max() with a NaN " + d, new double[] {nan}, new int[] {}, t.max(), 0);
            Naive.assertClose("min() with a NaN " + d, new double[] {nan}, new int[] {}, t.min(), 0);
            Naive.assertClose("sum() with a NaN " + d, new double[] {nan}, new int[] {}, t.sum(), 0);
            Naive.assertClose("max(1) with a NaN " + d, new double[] {1, nan}, new int[] {2},
                    Naive.tensor(new double[] {0, 1, nan, 2}, d, 2, 2).max(1), 0);
        }
    }

    @Test
    default void log1pAndExpm1AreAccurateNearZero() {
        double[] tiny = {1e-10, -1e-10, 3e-7, -3e-7, 1e-20, 0};
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            double[] x = Naive.round(tiny, d);
            double[] got1 = Naive.tensor(x, d).log1p().toDoubleArray();
            double[] got2 = Naive.tensor(x, d).expm1().toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                // relative accuracy, where log(1 + x) and exp(x) - 1 lose every digit
                double e1 = Math.log1p(x[i]);
                double e2 = Math.expm1(x[i]);
                assertEquals(e1, got1[i], Math.abs(e1) * Naive.tol(d), "log1p(" + x[i] + ") " + d);
                assertEquals(e2, got2[i], Math.abs(e2) * Naive.tol(d), "expm1(" + x[i] + ") " + d);
            }
        }
    }

    /** Ops defined on integers: exact results. */
    @Test
    default void integerUnaryOps() {
        for (DType d : new DType[] {DType.I32, DType.I64}) {
            for (Input in : Inputs.layouts(d, 3, integers(-100, 100))) {
                String w = d + " " + in;
                Naive.assertExact("neg " + w, Naive.map(in.values(), x -> -x), in.shape(), in.t().neg());
                Naive.assertExact("abs " + w, Naive.map(in.values(), Math::abs), in.shape(), in.t().abs());
                Naive.assertExact("sign " + w, Naive.map(in.values(), Math::signum), in.shape(), in.t().sign());
                Naive.assertExact("square " + w, Naive.map(in.values(), x -> x * x), in.shape(), in.t().square());
                Naive.assertExact("relu " + w, Naive.map(in.values(), x -> Math.max(x, 0)), in.shape(),
                        in.t().relu());
                assertEquals(d, in.t().neg().dtype());
            }
            Tensor t = Naive.tensor(new double[] {1, 2}, d);
            assertThrows(DTypeException.class, t::exp, "exp on " + d);
            assertThrows(DTypeException.class, t::sqrt, "sqrt on " + d);
        }
    }

    record Binary(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref, DoubleUnaryOperator da,
                  DoubleUnaryOperator db) {
    }

    static List<Binary> binaryOps() {
        return List.of(
                new Binary("add", Tensor::add, Double::sum, uniform(-10, 10), uniform(-10, 10)),
                new Binary("sub", Tensor::sub, (x, y) -> x - y, uniform(-10, 10), uniform(-10, 10)),
                new Binary("mul", Tensor::mul, (x, y) -> x * y, uniform(-10, 10), uniform(-10, 10)),
                new Binary("div", Tensor::div, (x, y) -> x / y, uniform(-10, 10), awayFromZero(0.1, 10)),
                new Binary("pow", Tensor::pow, Math::pow, uniform(0.1, 4), uniform(-3, 3)),
                new Binary("maximum", Tensor::maximum, Math::max, integers(-3, 3), uniform(-3, 3)),
                new Binary("minimum", Tensor::minimum, Math::min, integers(-3, 3), uniform(-3, 3)));
    }

    @Test
    default void binaryFloatOpsWithBroadcastingAndLayouts() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (Binary b : binaryOps()) {
                for (Pair p : Inputs.pairs(d, b.name.hashCode(), b.da, b.db)) {
                    Tensor out = b.op.apply(p.a().t(), p.b().t());
                    assertEquals(d, out.dtype());
                    Naive.assertClose(b.name + " " + d + " " + p, Naive.zip(p.a(), p.b(), b.ref), p.shape(), out,
                            Naive.tol(d));
                }
            }
        }
    }

    @Test
    default void integerBinaryOps() {
        for (DType d : new DType[] {DType.I32, DType.I64}) {
            for (Pair p : Inputs.pairs(d, 17, integers(-100, 100), integers(1, 20))) {
                Input a = p.a();
                Input b = p.b();
                String w = d + " " + p;
                Naive.assertExact("add " + w, Naive.zip(a, b, Double::sum), p.shape(), a.t().add(b.t()));
                Naive.assertExact("sub " + w, Naive.zip(a, b, (x, y) -> x - y), p.shape(), a.t().sub(b.t()));
                Naive.assertExact("mul " + w, Naive.zip(a, b, (x, y) -> x * y), p.shape(), a.t().mul(b.t()));
                Naive.assertExact("div truncates " + w, Naive.zip(a, b, (x, y) -> (long) x / (long) y), p.shape(),
                        a.t().div(b.t()));
                Naive.assertExact("maximum " + w, Naive.zip(a, b, Math::max), p.shape(), a.t().maximum(b.t()));
                Naive.assertExact("minimum " + w, Naive.zip(a, b, Math::min), p.shape(), a.t().minimum(b.t()));
                assertEquals(d, a.t().add(b.t()).dtype());
            }
        }
        Tensor neg = Tensor.of(new long[] {-7, 7, -7, 7});
        assertArrayEquals(new long[] {-3, -3, 3, 3}, neg.div(Tensor.of(new long[] {2, -2, -2, 2})).toLongArray());
        long big = (1L << 53) + 1;
        assertArrayEquals(new long[] {2 * big, big * 1}, Tensor.of(new long[] {big, big})
                .add(Tensor.of(new long[] {big, 0})).toLongArray(), "I64 arithmetic is exact beyond 2^53");
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, new int[] {(int) Tensor.of(new int[] {Integer.MAX_VALUE})
                .add(Tensor.of(new int[] {1})).toLongArray()[0]}, "I32 addition wraps like Java");
    }

    @Test
    default void scalarVariants() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (Input in : Inputs.layouts(d, 5, uniform(0.5, 3))) {
                Tensor x = in.t();
                double[] v = in.values();
                int[] s = in.shape();
                double tol = Naive.tol(d);
                String w = d + " " + in;
                Naive.assertClose("add(s) " + w, Naive.map(v, a -> a + 1.5), s, x.add(1.5), tol);
                Naive.assertClose("sub(s) " + w, Naive.map(v, a -> a - 1.5), s, x.sub(1.5), tol);
                Naive.assertClose("mul(s) " + w, Naive.map(v, a -> a * -2.5), s, x.mul(-2.5), tol);
                Naive.assertClose("div(s) " + w, Naive.map(v, a -> a / 4), s, x.div(4), tol);
                Naive.assertClose("pow(s) " + w, Naive.map(v, a -> Math.pow(a, 2.5)), s, x.pow(2.5), tol);
                Naive.assertClose("pow(0.5) " + w, Naive.map(v, Math::sqrt), s, x.pow(0.5), tol);
                Naive.assertExact("lt(s) " + w, Naive.map(v, a -> a < 1.5 ? 1 : 0), s, x.lt(1.5));
                Naive.assertExact("le(s) " + w, Naive.map(v, a -> a <= 1.5 ? 1 : 0), s, x.le(1.5));
                Naive.assertExact("gt(s) " + w, Naive.map(v, a -> a > 1.5 ? 1 : 0), s, x.gt(1.5));
                Naive.assertExact("ge(s) " + w, Naive.map(v, a -> a >= 1.5 ? 1 : 0), s, x.ge(1.5));
                Naive.assertExact("eq(s) " + w, Naive.map(v, a -> a == v[0] ? 1 : 0), s,
                        v.length == 0 ? x.eq(0) : x.eq(v[0]));
                Naive.assertExact("ne(s) " + w, Naive.map(v, a -> a != v[0] ? 1 : 0), s,
                        v.length == 0 ? x.ne(0) : x.ne(v[0]));
                Naive.assertClose("clamp " + w, Naive.map(v, a -> Math.min(Math.max(a, 1), 2)), s, x.clamp(1, 2), tol);
                Naive.assertClose("where(s) " + w, Naive.map(v, a -> a > 1.5 ? a : -1), s,
                        Tensor.where(x.gt(1.5), x, -1), tol);
            }
        }
    }

    @Test
    default void comparisonsGiveBoolForEveryDtype() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            for (Pair p : Inputs.pairs(d, 23, integers(-3, 3), integers(-3, 3))) {
                Input a = p.a();
                Input b = p.b();
                String w = d + " " + p;
                Tensor lt = a.t().lt(b.t());
                assertEquals(DType.BOOL, lt.dtype(), "lt dtype");
                Naive.assertExact("lt " + w, Naive.zip(a, b, (x, y) -> x < y ? 1 : 0), p.shape(), lt);
                Naive.assertExact("le " + w, Naive.zip(a, b, (x, y) -> x <= y ? 1 : 0), p.shape(), a.t().le(b.t()));
                Naive.assertExact("gt " + w, Naive.zip(a, b, (x, y) -> x > y ? 1 : 0), p.shape(), a.t().gt(b.t()));
                Naive.assertExact("ge " + w, Naive.zip(a, b, (x, y) -> x >= y ? 1 : 0), p.shape(), a.t().ge(b.t()));
                Naive.assertExact("eq " + w, Naive.zip(a, b, (x, y) -> x == y ? 1 : 0), p.shape(), a.t().eq(b.t()));
                Naive.assertExact("ne " + w, Naive.zip(a, b, (x, y) -> x != y ? 1 : 0), p.shape(), a.t().ne(b.t()));
            }
        }
    }

    @Test
    default void logicalOpsAndWhere() {
        for (Pair p : Inputs.pairs(DType.BOOL, 29, integers(0, 2), integers(0, 2))) {
            Input a = p.a();
            Input b = p.b();
            Naive.assertExact("and " + p, Naive.zip(a, b, (x, y) -> x != 0 && y != 0 ? 1 : 0), p.shape(),
                    a.t().and(b.t()));
            Naive.assertExact("or " + p, Naive.zip(a, b, (x, y) -> x != 0 || y != 0 ? 1 : 0), p.shape(),
                    a.t().or(b.t()));
            Naive.assertExact("not " + p, Naive.map(a.values(), x -> x != 0 ? 0 : 1), a.shape(), a.t().not());
            Naive.assertExact("eq bool " + p, Naive.zip(a, b, (x, y) -> x == y ? 1 : 0), p.shape(), a.t().eq(b.t()));
        }
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            Input c = Inputs.input("cond [7,1]", 31, DType.BOOL, integers(0, 2), 7, 1);
            Input a = Inputs.input("a [1,33]", 32, d, integers(-50, 50), 1, 33);
            Input b = Inputs.input("b 0-d", 33, d, integers(-50, 50));
            double[] cc = Naive.broadcast(c.values(), c.shape(), new int[] {7, 33});
            double[] aa = Naive.broadcast(a.values(), a.shape(), new int[] {7, 33});
            double[] expected = new double[7 * 33];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = cc[i] != 0 ? aa[i] : b.values()[0];
            }
            Naive.assertExact("where broadcast " + d, expected, new int[] {7, 33}, Tensor.where(c.t(), a.t(), b.t()));
            Input base = Inputs.input("", 34, d, integers(-50, 50), 37, 33);
            Input other = Inputs.input("", 35, d, integers(-50, 50), 33, 37);
            Tensor cond = base.t().t().gt(other.t());
            double[] bt = Naive.permute(base.values(), base.shape(), new int[] {1, 0});
            double[] ex = new double[bt.length];
            for (int i = 0; i < ex.length; i++) {
                ex[i] = bt[i] > other.values()[i] ? bt[i] : other.values()[i];
            }
            Naive.assertExact("where transposed " + d, ex, new int[] {33, 37},
                    Tensor.where(cond, base.t().t(), other.t()));
            Naive.assertExact("clamp " + d, Naive.map(other.values(), x -> Math.min(Math.max(x, -7), 12)),
                    other.shape(), other.t().clamp(-7, 12));
        }
    }

    @Test
    default void castsBetweenEveryPairOfDtypes() {
        double[] source = {-2.7, -1, -0.5, 0, 0.49, 1, 1.9, 3, -3.999, 1e6 + 0.5};
        for (DType from : DType.values()) {
            double[] held = Naive.round(source, from);
            Tensor t = Naive.tensor(held, from);
            for (DType to : DType.values()) {
                Tensor c = t.to(to);
                assertEquals(to, c.dtype());
                Naive.assertExact("cast " + from + " -> " + to, Naive.round(held, to), new int[] {source.length}, c);
            }
            // a non-contiguous source
            Tensor wide = Naive.tensor(Naive.round(Naive.sample(37, 66, uniform(-9, 9)), from), from, 6, 11);
            double[] vals = Naive.permute(Naive.round(Naive.sample(37, 66, uniform(-9, 9)), from),
                    new int[] {6, 11}, new int[] {1, 0});
            for (DType to : DType.values()) {
                Naive.assertExact("cast transposed " + from + " -> " + to, Naive.round(vals, to), new int[] {11, 6},
                        wide.t().to(to));
            }
        }
    }
}
