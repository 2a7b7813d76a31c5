package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.awayFromZero;
import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every differentiable op passes {@link GradCheck} in F64 (max error below 1e-6). */
public interface GradientContract {
    double TOLERANCE = 1e-6;

    static Tensor f64(long seed, DoubleUnaryOperator dom, int... shape) {
        return Naive.tensor(Naive.sample(seed, Naive.numel(shape), dom), DType.F64, shape);
    }

    static void check(String what, Function<Tensor[], Tensor> fn, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(fn, inputs);
        assertTrue(r.maxError() < TOLERANCE, what + ": " + r);
        boolean anyFloat = java.util.Arrays.stream(inputs).anyMatch(t -> t.dtype().isFloating() && t.numel() > 0);
        assertTrue(!anyFloat || r.checked() > 0, what + ": nothing was checked");
    }

    /** Values at least 0.1 away from every integer (kinks of floor, ceil, sign, abs, relu). */
    static DoubleUnaryOperator offInteger(double lo, double hi) {
        return u -> Math.floor(lo + (hi - lo) * u) + 0.1 + 0.8 * ((u * 977) % 1);
    }

    record Op(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator domain) {
    }

    static List<Op> unaryGradOps() {
        return List.of(
                new Op("neg", Tensor::neg, uniform(-3, 3)),
                new Op("abs", Tensor::abs, offInteger(-3, 3)),
                new Op("sign", Tensor::sign, offInteger(-3, 3)),
                new Op("exp", Tensor::exp, uniform(-2, 2)),
                new Op("log", Tensor::log, uniform(0.2, 5)),
                new Op("log1p", Tensor::log1p, uniform(-0.7, 5)),
                new Op("expm1", Tensor::expm1, uniform(-2, 2)),
                new Op("sqrt", Tensor::sqrt, uniform(0.2, 5)),
                new Op("rsqrt", Tensor::rsqrt, uniform(0.3, 5)),
                new Op("reciprocal", Tensor::reciprocal, awayFromZero(0.3, 3)),
                new Op("square", Tensor::square, uniform(-3, 3)),
                new Op("sin", Tensor::sin, uniform(-4, 4)),
                new Op("cos", Tensor::cos, uniform(-4, 4)),
                new Op("tanh", Tensor::tanh, uniform(-3, 3)),
                new Op("sigmoid", Tensor::sigmoid, uniform(-5, 5)),
                new Op("relu", Tensor::relu, offInteger(-3, 3)),
                new Op("floor", Tensor::floor, offInteger(-3, 3)),
                new Op("ceil", Tensor::ceil, offInteger(-3, 3)),
                new Op("clamp(-1.5,1.5)", x -> x.clamp(-1.5, 1.5), offInteger(-3, 3)),
                new Op("pow(2.5)", x -> x.pow(2.5), uniform(0.2, 3)),
                new Op("add(s)", x -> x.add(1.5), uniform(-3, 3)),
                new Op("sub(s)", x -> x.sub(1.5), uniform(-3, 3)),
                new Op("mul(s)", x -> x.mul(-2.5), uniform(-3, 3)),
                new Op("div(s)", x -> x.div(3), uniform(-3, 3)));
    }

    @Test
    default void gradUnaryOps() {
        for (Op op : unaryGradOps()) {
            check(op.name + " [3,4]", in -> op.op.apply(in[0]), f64(op.name.hashCode(), op.domain, 3, 4));
            check(op.name + " of transposed", in -> op.op.apply(in[0].t()), f64(op.name.hashCode() + 1, op.domain, 4, 3));
            check(op.name + " 0-d", in -> op.op.apply(in[0]), f64(op.name.hashCode() + 2, op.domain));
        }
    }

    @Test
    default void gradBinaryOpsWithBroadcasting() {
        int[][][] shapes = {{{3, 4}, {3, 4}}, {{3, 1}, {1, 4}}, {{4}, {3, 4}}, {{}, {3, 4}}, {{2, 1, 3}, {4, 1}},
            {{3, 4}, {1}}};
        DoubleUnaryOperator any = uniform(-2, 2);
        DoubleUnaryOperator pos = uniform(0.3, 3);
        DoubleUnaryOperator low = u -> Math.floor(u * 3) + 0.2 * ((u * 977) % 1);
        DoubleUnaryOperator high = u -> Math.floor(u * 3) + 0.5 + 0.2 * ((u * 977) % 1);
        long s = 1;
        for (int[][] sh : shapes) {
            String w = java.util.Arrays.toString(sh[0]) + " op " + java.util.Arrays.toString(sh[1]);
            check("add " + w, in -> in[0].add(in[1]), f64(s++, any, sh[0]), f64(s++, any, sh[1]));
            check("sub " + w, in -> in[0].sub(in[1]), f64(s++, any, sh[0]), f64(s++, any, sh[1]));
            check("mul " + w, in -> in[0].mul(in[1]), f64(s++, any, sh[0]), f64(s++, any, sh[1]));
            check("div " + w, in -> in[0].div(in[1]), f64(s++, any, sh[0]), f64(s++, awayFromZero(0.5, 2), sh[1]));
            check("pow " + w, in -> in[0].pow(in[1]), f64(s++, pos, sh[0]), f64(s++, any, sh[1]));
            check("maximum " + w, in -> in[0].maximum(in[1]), f64(s++, low, sh[0]), f64(s++, high, sh[1]));
            check("minimum " + w, in -> in[1].minimum(in[0]), f64(s++, low, sh[0]), f64(s++, high, sh[1]));
            Tensor cond = Naive.tensor(Naive.sample(s++, Naive.numel(sh[1]), Naive.integers(0, 2)), DType.BOOL, sh[1]);
            check("where " + w, in -> Tensor.where(in[2], in[0], in[1]), f64(s++, any, sh[0]), f64(s++, any, sh[1]),
                    cond);
        }
        Tensor same = f64(99, uniform(-2, 2), 3, 4);
        check("maximum with exact ties shares the gradient", in -> in[0].maximum(in[1]), same, same);
        check("minimum with exact ties shares the gradient", in -> in[0].minimum(in[1]), same, same);
        check("x * x (one tensor used twice)", in -> in[0].mul(in[0]), same);
        check("where with a scalar branch", in -> Tensor.where(in[0].gt(0), in[0], 0.5), same);
        check("non-contiguous operands", in -> in[0].t().mul(in[1].slice(1, 0, 8, 2)).div(in[1].slice(1, 1, 8, 2)
                .exp()), f64(7, any, 4, 3), f64(8, any, 3, 8));
    }

    static int[][] axisSets() {
        return new int[][] {null, {0}, {1}, {2}, {0, 2}, {1, 2}, {-1}};
    }

    @Test
    default void gradReductions() {
        Tensor x = f64(11, uniform(-2, 2), 2, 3, 4);
        for (int[] axes : axisSets()) {
            for (boolean keep : new boolean[] {false, true}) {
                String w = java.util.Arrays.toString(axes) + " keepDim " + keep;
                check("sum " + w, in -> in[0].sum(axes, keep), x);
                check("mean " + w, in -> in[0].mean(axes, keep), x);
                check("max " + w, in -> in[0].max(axes, keep), x);
                check("min " + w, in -> in[0].min(axes, keep), x);
                check("logsumexp " + w, in -> in[0].logsumexp(axes, keep), x);
                for (boolean unbiased : new boolean[] {false, true}) {
                    check("var(" + unbiased + ") " + w, in -> in[0].var(axes, unbiased, keep), x);
                    check("std(" + unbiased + ") " + w, in -> in[0].std(axes, unbiased, keep), x);
                }
            }
        }
        check("sum()", in -> in[0].sum(), x);
        check("mean()", in -> in[0].mean(), x);
        check("max()", in -> in[0].max(), x);
        check("min()", in -> in[0].min(), x);
        check("var()", in -> in[0].var(), x);
        check("std()", in -> in[0].std(), x);
        check("sum(1) of transposed", in -> in[0].transpose(0, 2).sum(1), x);
        check("logsumexp of large values", in -> in[0].mul(300).logsumexp(new int[] {1}, false), x);
        Tensor ties = Tensor.of(new double[] {1, 3, 3, 2, 0, 0}, 2, 3);
        check("max with ties shares the gradient", in -> in[0].max(new int[] {1}, false), ties);
    }

    @Test
    default void gradMatmul() {
        DoubleUnaryOperator any = uniform(-1, 1);
        check("[3,4]@[4,5]", in -> in[0].matmul(in[1]), f64(1, any, 3, 4), f64(2, any, 4, 5));
        check("[2,1,3,4]@[3,4,2]", in -> in[0].matmul(in[1]), f64(3, any, 2, 1, 3, 4), f64(4, any, 3, 4, 2));
        check("[3,4]@[2,4,5]", in -> in[0].matmul(in[1]), f64(5, any, 3, 4), f64(6, any, 2, 4, 5));
        check("[4]@[4]", in -> in[0].matmul(in[1]), f64(7, any, 4), f64(8, any, 4));
        check("[4]@[4,3]", in -> in[0].matmul(in[1]), f64(9, any, 4), f64(10, any, 4, 3));
        check("[3,4]@[4]", in -> in[0].matmul(in[1]), f64(11, any, 3, 4), f64(12, any, 4));
        check("[4]@[2,4,3]", in -> in[0].matmul(in[1]), f64(13, any, 4), f64(14, any, 2, 4, 3));
        check("[2,3,4]@[4]", in -> in[0].matmul(in[1]), f64(15, any, 2, 3, 4), f64(16, any, 4));
        check("a.t()@b.t()", in -> in[0].t().matmul(in[1].t()), f64(17, any, 4, 3), f64(18, any, 5, 4));
        check("x@x.t()", in -> in[0].matmul(in[0].t()), f64(19, any, 3, 4));
    }

    @Test
    default void gradViewsAndJoins() {
        Tensor x = f64(21, uniform(-2, 2), 2, 3, 4);
        Tensor y = f64(22, uniform(-2, 2), 2, 3, 4);
        check("reshape", in -> in[0].reshape(4, 6), x);
        check("view", in -> in[0].view(6, -1), x);
        check("reshape of non-contiguous", in -> in[0].transpose(0, 2).reshape(-1), x);
        check("transpose", in -> in[0].transpose(0, 2), x);
        check("permute", in -> in[0].permute(2, 0, 1), x);
        check("slice with step", in -> in[0].slice(2, 1, 4, 2), x);
        check("narrow", in -> in[0].narrow(1, 1, 2), x);
        check("select", in -> in[0].select(1, -1), x);
        check("expand", in -> in[0].slice(1, 0, 1).expand(3, 2, 5, 4), x);
        check("squeeze", in -> in[0].narrow(1, 2, 1).squeeze(), x);
        check("squeeze(axis)", in -> in[0].narrow(1, 2, 1).squeeze(1), x);
        check("unsqueeze", in -> in[0].unsqueeze(1).mul(in[1].unsqueeze(0)), x, f64(23, uniform(-2, 2), 3, 4));
        check("flatten", in -> in[0].flatten(), x);
        check("flatten(1,2)", in -> in[0].flatten(1, 2), x);
        check("contiguous", in -> in[0].transpose(1, 2).contiguous(), x);
        check("concat", in -> Tensor.concat(1, in[0], in[1].slice(1, 0, 2), in[0].exp()), x, y);
        check("concat transposed", in -> Tensor.concat(0, in[0].t(), in[1]), f64(24, uniform(-1, 1), 3, 4),
                f64(25, uniform(-1, 1), 2, 3));
        check("stack", in -> Tensor.stack(-1, in[0], in[1].square()), x, y);
        check("split", in -> {
            List<Tensor> p = in[0].split(3, 2);
            return Tensor.concat(2, p.get(1).mul(2), p.get(0).exp());
        }, x);
        check("chunk", in -> {
            List<Tensor> p = in[0].chunk(2, 1);
            return p.get(0).sum(new int[] {1}, true).mul(p.get(1));
        }, x);
        check("to(F64) of an F64 tensor", in -> in[0].to(DType.F64).mul(2), x);
    }

    @Test
    default void gradIndexing() {
        Tensor x = f64(31, uniform(-2, 2), 4, 5);
        Tensor idx = Tensor.of(new long[] {0, 3, 3, 1, 2, 2, 0, 0, 3, 1}, 2, 5);
        check("gather axis 0", in -> in[0].gather(0, in[1]), x, idx);
        Tensor idx1 = Tensor.of(new long[] {4, 4, 0, 1, 2, 3, 0, 0}, 4, 2);
        check("gather axis 1", in -> in[0].gather(1, in[1]), x, idx1);
        check("gather of transposed", in -> in[0].t().gather(1, in[1]), x,
                Tensor.of(new long[] {3, 3, 0, 1, 2, 0, 1, 1, 0, 2}, 5, 2));
        Tensor src = f64(32, uniform(-2, 2), 2, 5);
        check("scatterAdd (input and source)", in -> in[0].scatterAdd(0, in[1], in[2]), x, idx, src);
        check("scatterAdd axis 1", in -> in[0].scatterAdd(1, in[1], in[2]), x, idx1, f64(33, uniform(-2, 2), 4, 2));
        check("indexSelect with repeats", in -> in[0].indexSelect(0, in[1]), x, Tensor.of(new long[] {3, 0, 3, 3}));
        check("indexSelect axis 1", in -> in[0].indexSelect(1, in[1]), x, Tensor.of(new int[] {4, 1}));
        Tensor mask = Tensor.of(new boolean[] {true, false, false, true, true});
        check("maskedFill", in -> in[0].maskedFill(in[1], 7), x, mask);
        check("maskedFill of a computed tensor", in -> in[0].exp().maskedFill(in[0].gt(0), 0), x);
    }
}
