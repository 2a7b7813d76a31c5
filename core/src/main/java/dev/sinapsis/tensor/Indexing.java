package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;

/** Gather, scatter-add, index-select, one-hot and masked fill, with derivatives. */
final class Indexing {
    private Indexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        Checks.sameBackend("gather", x, index);
        Tensor idx = asI64("gather", index);
        int ax = Shape.normalizeAxis(axis, x.rank(), "gather");
        if (idx.rank() != x.rank()) {
            throw new ShapeException("gather: index shape " + idx.shape() + " must have the rank of the input "
                    + x.shape());
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != ax && idx.shape().dim(i) > x.shape().dim(i)) {
                throw new ShapeException("gather: index shape " + idx.shape() + " is larger than the input "
                        + x.shape() + " on axis " + i);
            }
        }
        Tensor out = Factories.emptyForOverwrite(x.backend(), idx.shape(), x.dtype());
        x.backend().gather(out.view(), x.view(), ax, idx.view());
        if (!x.dtype().isFloating()) {
            return out;
        }
        Shape in = x.shape();
        return Autograd.record("gather", out, (g, needs) -> new Tensor[] {gatherGradient(in, ax, idx, g), null},
                x, idx);
    }

    /**
     * A gather's input gradient: {@code g} scatter-added into zeros of the input's shape. Unless the
     * tape records the backward pass itself (a gradient of a gradient), straight into fresh zeroed
     * memory: {@link #scatterAdd} would first copy the zeros (an embedding's table, 10 MB for IMDB's).
     */
    private static Tensor gatherGradient(Shape in, int ax, Tensor idx, Tensor g) {
        if (Autograd.isEnabled()) {
            return Factories.full(g.backend(), in, g.dtype(), 0).scatterAdd(ax, idx, g);
        }
        Tensor out = Factories.empty(g.backend(), in, g.dtype());
        g.backend().scatterAdd(out.view(), ax, idx.view(), g.view());
        return out;
    }

    static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        Checks.sameBackend("scatterAdd", x, index);
        Checks.sameBackend("scatterAdd", x, src);
        Checks.sameDType("scatterAdd", x, src);
        Tensor idx = asI64("scatterAdd", index);
        int ax = Shape.normalizeAxis(axis, x.rank(), "scatterAdd");
        if (!idx.shape().equals(src.shape())) {
            throw new ShapeException("scatterAdd: index shape " + idx.shape() + " must equal the source shape "
                    + src.shape());
        }
        if (idx.rank() != x.rank()) {
            throw new ShapeException("scatterAdd: index shape " + idx.shape() + " must have the rank of the input "
                    + x.shape());
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != ax && idx.shape().dim(i) > x.shape().dim(i)) {
                throw new ShapeException("scatterAdd: index shape " + idx.shape() + " is larger than the input "
                        + x.shape() + " on axis " + i);
            }
        }
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
        x.backend().copy(out.view(), x.view());
        x.backend().scatterAdd(out.view(), ax, idx.view(), src.view());
        if (!x.dtype().isFloating()) {
            return out;
        }
        return Autograd.record("scatterAdd", out, (g, needs) -> new Tensor[] {
            g, null, needs[2] ? g.gather(ax, idx) : null}, x, idx, src);
    }

    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        Tensor idx = asI64("indexSelect", index);
        if (idx.rank() != 1) {
            throw new ShapeException("indexSelect: index must be 1-d, got shape " + idx.shape());
        }
        int ax = Shape.normalizeAxis(axis, x.rank(), "indexSelect");
        // gather with the index broadcast along every other axis (a stride-0 view, no copy)
        int[] viewShape = new int[x.rank()];
        java.util.Arrays.fill(viewShape, 1);
        viewShape[ax] = idx.numel();
        int[] target = x.shape().toArray();
        target[ax] = idx.numel();
        Tensor expanded = idx.reshape(viewShape).expand(target);
        return gather(x, ax, expanded);
    }

    static Tensor oneHot(Tensor labels, int numClasses) {
        Checks.integer("oneHot", labels, "labels");
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
        }
        if (labels.numel() > 0) {
            long lo = (long) labels.min().item();
            long hi = (long) labels.max().item();
            if (lo < 0 || hi >= numClasses) {
                throw new IndexOutOfBoundsException("oneHot: label " + (lo < 0 ? lo : hi)
                        + " is out of range for " + numClasses + " classes");
            }
        }
        Tensor classes = Tensor.arange(numClasses).to(labels.backend());
        return labels.to(DType.I64).unsqueeze(-1).eq(classes).to(DType.I64);
    }

    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        Checks.dtype("maskedFill", mask, DType.BOOL, "mask");
        Shape.broadcast(x.shape(), mask.shape(), "maskedFill");
        Tensor filled = Tensor.where(mask, Factories.scalarLike(x, value), x);
        if (!filled.shape().equals(x.shape())) {
            throw new ShapeException("maskedFill: mask shape " + mask.shape() + " does not broadcast to the input "
                    + x.shape());
        }
        return filled;
    }

    private static Tensor asI64(String op, Tensor index) {
        Checks.integer(op, index, "index");
        return index.to(DType.I64);
    }
}
