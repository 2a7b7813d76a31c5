package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.View;
import java.util.Arrays;

/** Reductions over sets of axes, with keepDim, and their derivatives. */
final class Reductions {
    private Reductions() {
    }

    /** Normalised, sorted, de-duplicated axes; {@code null} or empty means every axis. */
    static int[] axes(String op, int rank, int[] axes) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        boolean[] seen = new boolean[rank];
        for (int a : axes) {
            int n = Shape.normalizeAxis(a, rank, op);
            if (seen[n]) {
                throw new ShapeException(op + ": axis " + a + " repeated in " + Arrays.toString(axes));
            }
            seen[n] = true;
        }
        int[] out = new int[axes.length];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (seen[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The shape with the reduced axes set to 1 (keepDim) or removed. */
    static Shape reducedShape(Shape in, int[] axes, boolean keepDim) {
        boolean[] reduced = new boolean[in.rank()];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] dims = new int[keepDim ? in.rank() : in.rank() - axes.length];
        for (int i = 0, k = 0; i < in.rank(); i++) {
            if (!reduced[i]) {
                dims[k++] = in.dim(i);
            } else if (keepDim) {
                dims[k++] = 1;
            }
        }
        return Shape.of(dims);
    }

    /** Runs a reduction primitive: permutes reduced axes last, reduces, reshapes to the requested form. */
    static Tensor raw(ReduceOp op, Tensor x, int[] axes, boolean keepDim, DType outType) {
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] order = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                order[k++] = i;
            }
        }
        for (int a : axes) {
            order[k++] = a;
        }
        View v = x.view();
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = v.dim(order[i]);
            strides[i] = v.strides()[order[i]];
        }
        View permuted = new View(v.storage(), Shape.of(dims), strides, v.offset());
        Shape kept = Shape.of(Arrays.copyOf(dims, rank - axes.length));
        Tensor out = Factories.empty(x.backend(), kept, outType);
        x.backend().reduce(op, out.view(), permuted);
        Shape target = reducedShape(x.shape(), axes, keepDim);
        return keepDim ? Views.alias(out, target, target.contiguousStrides(), 0) : out;
    }

    static Tensor sum(Tensor x, int[] axesArg, boolean keepDim) {
        if (x.dtype() == DType.BOOL) {
            return sum(x.to(DType.I64), axesArg, keepDim);
        }
        int[] axes = axes("sum", x.rank(), axesArg);
        Tensor out = raw(ReduceOp.SUM, x, axes, keepDim, x.dtype());
        if (!x.dtype().isFloating()) {
            return out;
        }
        Shape in = x.shape();
        return Autograd.record("sum", out, (g, needs) -> new Tensor[] {expandBack(g, in, axes)}, x);
    }

    static Tensor mean(Tensor x, int[] axesArg, boolean keepDim) {
        Checks.floating("mean", x);
        int[] axes = axes("mean", x.rank(), axesArg);
        long n = 1;
        for (int a : axes) {
            n *= x.shape().dim(a);
        }
        return sum(x, axes, keepDim).div(n);
    }

    static Tensor extreme(Tensor x, int[] axesArg, boolean keepDim, boolean max) {
        String op = max ? "max" : "min";
        int[] axes = axes(op, x.rank(), axesArg);
        requireNonEmpty(op, x, axes);
        if (x.dtype() == DType.BOOL) {
            throw new DTypeException(op + ": not defined for BOOL; convert with .to(DType.I64)");
        }
        Tensor out = raw(max ? ReduceOp.MAX : ReduceOp.MIN, x, axes, keepDim, x.dtype());
        if (!x.dtype().isFloating()) {
            return out;
        }
        Shape in = x.shape();
        return Autograd.record(op, out, (g, needs) -> {
            // the gradient goes to the elements equal to the extreme, shared equally among ties
            Tensor hit = x.eq(expandBack(out, in, axes)).to(g.dtype());
            Tensor count = hit.sum(axes, true);
            return new Tensor[] {expandBack(g, in, axes).mul(hit).div(count)};
        }, x);
    }

    static Tensor arg(Tensor x, Integer axis, boolean keepDim, boolean max) {
        String op = max ? "argmax" : "argmin";
        if (x.dtype() == DType.BOOL) {
            throw new DTypeException(op + ": not defined for BOOL; convert with .to(DType.I64)");
        }
        ReduceOp r = max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN;
        if (axis == null) {
            Tensor flat = x.detach().reshape(-1);
            requireNonEmpty(op, flat, new int[] {0});
            return raw(r, flat, new int[] {0}, false, DType.I64);
        }
        int[] axes = {Shape.normalizeAxis(axis, x.rank(), op)};
        requireNonEmpty(op, x, axes);
        return raw(r, x, axes, keepDim, DType.I64);
    }

    static Tensor var(Tensor x, int[] axesArg, int correction, boolean keepDim) {
        Checks.floating("var", x);
        int[] axes = axes("var", x.rank(), axesArg);
        long n = 1;
        for (int a : axes) {
            n *= x.shape().dim(a);
        }
        Tensor centered = x.sub(x.mean(axes, true));
        return centered.square().sum(axes, keepDim).div(Math.max(0, n - correction));
    }

    static Tensor logsumexp(Tensor x, int[] axesArg, boolean keepDim) {
        Checks.floating("logsumexp", x);
        int[] axes = axes("logsumexp", x.rank(), axesArg);
        requireNonEmpty("logsumexp", x, axes);
        Tensor m = extreme(x.detach(), axes, true, true);
        // an all -inf (or +inf) slice would give inf - inf = NaN; shift by 0 there instead
        Tensor finite = m.abs().lt(Double.POSITIVE_INFINITY);
        Tensor shift = Tensor.where(finite, m, 0.0);
        Tensor lse = x.sub(shift).exp().sum(axes, true).log().add(shift);
        return keepDim ? lse : lse.reshape(reducedShape(x.shape(), axes, false).toArray());
    }

    /** Sums a broadcast gradient back down to {@code shape}. */
    static Tensor sumToShape(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int lead = g.rank() - shape.rank();
        int[] axes = new int[g.rank()];
        int k = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && g.shape().dim(i) != 1)) {
                axes[k++] = i;
            }
        }
        Tensor s = k == 0 ? g : sum(g, Arrays.copyOf(axes, k), true);
        return s.reshape(shape.toArray());
    }

    /** Broadcasts a reduced gradient (keepDim or not) back to the input shape {@code in}. */
    private static Tensor expandBack(Tensor g, Shape in, int[] axes) {
        Shape keep = reducedShape(in, axes, true);
        return g.reshape(keep.toArray()).expand(in.toArray());
    }

    private static void requireNonEmpty(String op, Tensor x, int[] axes) {
        for (int a : axes) {
            if (x.shape().dim(a) == 0) {
                throw new ShapeException(op + ": cannot reduce axis " + a + " of size 0 in shape " + x.shape());
            }
        }
    }
}
