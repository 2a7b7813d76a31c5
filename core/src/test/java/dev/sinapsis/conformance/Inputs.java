package dev.sinapsis.conformance;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The inputs every op is run on: odd sizes, 0-d, empty, size-1 dims, transposed, permuted, sliced
 * with a step, expanded (stride-0) and large (parallel) tensors, with their logical values
 * computed on the host by {@link Naive}.
 */
public final class Inputs {
    private Inputs() {
    }

    /** A test input: a tensor (possibly a non-contiguous view) and its logical values and shape. */
    public record Input(String desc, Tensor t, double[] values, int[] shape) {
        @Override
        public String toString() {
            return desc;
        }
    }

    /** Contiguous input of the given shape. */
    public static Input input(String desc, long seed, DType d, DoubleUnaryOperator dom, int... shape) {
        double[] v = Naive.round(Naive.sample(seed, Naive.numel(shape), dom), d);
        return new Input(desc, Naive.tensor(v, d, shape), v, shape);
    }

    /**
     * The layouts every op is run on: odd sizes, 0-d, empty, size-1 dims, transposed, permuted,
     * sliced with a step and expanded (stride-0) views.
     */
    public static List<Input> layouts(DType d, long seed, DoubleUnaryOperator dom) {
        List<Input> out = new ArrayList<>();
        out.add(input("[1]", seed, d, dom, 1));
        out.add(input("[7]", seed + 1, d, dom, 7));
        out.add(input("[33]", seed + 2, d, dom, 33));
        out.add(input("[1031]", seed + 3, d, dom, 1031));
        out.add(input("[33,37]", seed + 4, d, dom, 33, 37));
        out.add(input("0-d", seed + 5, d, dom));
        out.add(input("[0]", seed, d, dom, 0));
        out.add(input("[3,0,2]", seed, d, dom, 3, 0, 2));
        out.add(input("[1,5,1]", seed + 6, d, dom, 1, 5, 1));
        Input base = input("", seed + 7, d, dom, 37, 33);
        out.add(new Input("[37,33].t()", base.t.t(), Naive.permute(base.values, base.shape, new int[] {1, 0}),
                new int[] {33, 37}));
        Input cube = input("", seed + 8, d, dom, 3, 5, 7);
        out.add(new Input("[3,5,7].permute(2,0,1)", cube.t.permute(2, 0, 1),
                Naive.permute(cube.values, cube.shape, new int[] {2, 0, 1}), new int[] {7, 3, 5}));
        Input longer = input("", seed + 9, d, dom, 2063);
        out.add(new Input("[2063].slice(0,1,2063,2)", longer.t.slice(0, 1, 2063, 2),
                Naive.slice(longer.values, longer.shape, 0, 1, 2063, 2), new int[] {1031}));
        Input wide = input("", seed + 10, d, dom, 33, 74);
        out.add(new Input("[33,74].slice(1,1,74,2)", wide.t.slice(1, 1, 74, 2),
                Naive.slice(wide.values, wide.shape, 1, 1, 74, 2), new int[] {33, 37}));
        Input col = input("", seed + 11, d, dom, 7, 1);
        out.add(new Input("[7,1].expand(7,33)", col.t.expand(7, 33),
                Naive.broadcast(col.values, col.shape, new int[] {7, 33}), new int[] {7, 33}));
        // large enough for the parallel paths of a multi-threaded backend
        out.add(input("[70001]", seed + 12, d, dom, 70001));
        Input big = input("", seed + 13, d, dom, 257, 301);
        out.add(new Input("[257,301].t()", big.t.t(), Naive.permute(big.values, big.shape, new int[] {1, 0}),
                new int[] {301, 257}));
        return out;
    }

    /** A pair of operands and the broadcast result shape. */
    public record Pair(String desc, Input a, Input b, int[] shape) {
        @Override
        public String toString() {
            return desc;
        }
    }

    /** Operand pairs: equal shapes, broadcasting, scalars, size-1 dims, empty and non-contiguous. */
    public static List<Pair> pairs(DType d, long seed, DoubleUnaryOperator da, DoubleUnaryOperator db) {
        List<Pair> out = new ArrayList<>();
        int[][][] shapes = {
            {{1}, {1}}, {{7}, {7}}, {{1031}, {1031}}, {{33, 37}, {33, 37}}, {{7, 1}, {1, 33}},
            {{}, {33, 37}}, {{5, 7}, {}}, {{}, {}}, {{33, 37}, {37}}, {{1, 5, 1}, {3, 1, 4}},
            {{0}, {0}}, {{0, 4}, {4}}, {{3, 1}, {0}}, {{301, 1}, {1, 257}}, {{70001}, {}}};
        long s = seed;
        for (int[][] sh : shapes) {
            Input a = input(Arrays.toString(sh[0]), s++, d, da, sh[0]);
            Input b = input(Arrays.toString(sh[1]), s++, d, db, sh[1]);
            out.add(new Pair(a.desc + " op " + b.desc, a, b, Naive.broadcastShape(sh[0], sh[1])));
        }
        List<Input> la = layouts(d, s, da);
        List<Input> lb = layouts(d, s + 100, db);
        // non-contiguous left operand with a contiguous right one, and the reverse
        for (int i = 9; i < la.size(); i++) {
            Input a = la.get(i);
            Input b = input(Arrays.toString(a.shape), s + i, d, db, a.shape);
            out.add(new Pair(a.desc + " op " + b.desc, a, b, a.shape));
            Input a2 = input(Arrays.toString(a.shape), s + 50 + i, d, da, a.shape);
            Input b2 = lb.get(i);
            out.add(new Pair(a2.desc + " op " + b2.desc, a2, b2, a.shape));
        }
        // both non-contiguous: transposed with a stepped slice
        out.add(new Pair(la.get(9).desc + " op " + lb.get(12).desc, la.get(9), lb.get(12), new int[] {33, 37}));
        return out;
    }

}
