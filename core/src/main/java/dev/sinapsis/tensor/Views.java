package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shape-changing ops that share storage (views), plus the joins built on copies into views. */
final class Views {
    private Views() {
    }

    /** A view of {@code base}'s storage with another layout; not recorded. */
    static Tensor alias(Tensor base, Shape shape, int[] strides, int offset) {
        return new Tensor(base.backend(), new View(base.view().storage(), shape, strides, offset), false);
    }

    /** {@code t} seen with {@code shape} through stride-0 axes; {@code shape} must be a broadcast of t's. */
    static View broadcastView(Tensor t, Shape shape) {
        View v = t.view();
        if (v.shape().equals(shape)) {
            return v;
        }
        int rank = shape.rank();
        int lead = rank - v.rank();
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            int src = i - lead;
            if (src < 0 || (v.dim(src) == 1 && shape.dim(i) != 1)) {
                strides[i] = 0;
            } else {
                strides[i] = v.strides()[src];
            }
        }
        return new View(v.storage(), shape, strides, v.offset());
    }

    static Tensor reshape(Tensor t, int[] requested, boolean viewOnly) {
        String op = viewOnly ? "view" : "reshape";
        Shape shape = inferShape(op, t.shape(), requested);
        int[] strides = t.isContiguous() ? shape.contiguousStrides()
                : viewStrides(t.shape().toArray(), t.view().strides(), shape.toArray());
        Tensor out;
        if (strides != null) {
            out = alias(t, shape, strides, t.view().offset());
        } else if (viewOnly) {
            throw new ShapeException("view: a tensor of shape " + t.shape() + " with strides "
                    + Arrays.toString(t.view().strides()) + " cannot be viewed as " + shape
                    + " without a copy; use reshape() or contiguous() first");
        } else {
            return reshape(contiguous(t), requested, true);
        }
        Shape original = t.shape();
        return Autograd.record(op, out, (g, needs) -> new Tensor[] {g.reshape(original.toArray())}, t);
    }

    private static Shape inferShape(String op, Shape from, int[] requested) {
        int[] dims = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (unknown >= 0) {
                    throw new ShapeException(op + ": only one size may be -1, got " + Arrays.toString(requested));
                }
                unknown = i;
            } else if (dims[i] < 0) {
                throw new ShapeException(op + ": invalid size " + dims[i] + " in " + Arrays.toString(requested));
            } else {
                known *= dims[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || from.numel() % known != 0) {
                throw new ShapeException(op + ": cannot infer -1 in " + Arrays.toString(requested)
                        + " for " + from.numel() + " elements of shape " + from);
            }
            dims[unknown] = (int) (from.numel() / known);
        } else if (known != from.numel()) {
            throw new ShapeException(op + ": shape " + from + " (" + from.numel() + " elements) cannot become "
                    + Shape.format(dims) + " (" + known + " elements)");
        }
        return Shape.of(dims);
    }

    /**
     * Strides that show the same elements as {@code newShape}, or null if a copy is needed
     * (the stride computation PyTorch uses for view()).
     */
    private static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (oldShape.length == 0) {
            Arrays.fill(newStrides, 1);
            return newStrides;
        }
        long numel = 1;
        for (int d : oldShape) {
            numel *= d;
        }
        if (numel == 0) {
            return Shape.of(newShape).contiguousStrides();
        }
        int viewD = newShape.length - 1;
        long chunkBase = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBase = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    static Tensor transpose(Tensor t, int axis0, int axis1) {
        int rank = t.rank();
        int a = Shape.normalizeAxis(axis0, rank, "transpose");
        int b = Shape.normalizeAxis(axis1, rank, "transpose");
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(t, order);
    }

    static Tensor permute(Tensor t, int[] order) {
        int rank = t.rank();
        if (order.length != rank) {
            throw new ShapeException("permute: " + order.length + " axes given for a tensor of rank " + rank);
        }
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int src = Shape.normalizeAxis(order[i], rank, "permute");
            if (used[src]) {
                throw new ShapeException("permute: axis " + src + " repeated in " + Arrays.toString(order));
            }
            used[src] = true;
            dims[i] = t.shape().dim(src);
            strides[i] = t.view().strides()[src];
            inverse[src] = i;
        }
        Tensor out = alias(t, Shape.of(dims), strides, t.view().offset());
        return Autograd.record("permute", out, (g, needs) -> new Tensor[] {g.permute(inverse)}, t);
    }

    static Tensor slice(Tensor t, int axis, int start, int end, int step) {
        int ax = Shape.normalizeAxis(axis, t.rank(), "slice");
        int size = t.shape().dim(ax);
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int s = clampIndex(start, size);
        int e = Math.max(s, clampIndex(end, size));
        int len = (e - s + step - 1) / step;
        int[] strides = t.view().strides().clone();
        int offset = t.view().offset() + s * strides[ax];
        strides[ax] *= step;
        Tensor out = alias(t, t.shape().with(ax, len), strides, offset);
        Shape original = t.shape();
        return Autograd.record("slice", out, (g, needs) -> {
            Tensor full = Tensor.zeros(original, g.dtype());
            InPlace.copy(slice(full, ax, s, e, step), g);
            return new Tensor[] {full};
        }, t);
    }

    private static int clampIndex(int i, int size) {
        int v = i < 0 ? i + size : i;
        return Math.max(0, Math.min(size, v));
    }

    static Tensor select(Tensor t, int axis, int index) {
        int ax = Shape.normalizeAxis(axis, t.rank(), "select");
        int size = t.shape().dim(ax);
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for axis " + axis
                    + " of size " + size);
        }
        return squeeze(slice(t, ax, i, i + 1, 1), ax);
    }

    static Tensor expand(Tensor t, int[] requested) {
        if (requested.length < t.rank()) {
            throw new ShapeException("expand: shape " + Shape.format(requested) + " has fewer axes than " + t.shape());
        }
        int lead = requested.length - t.rank();
        int[] dims = requested.clone();
        for (int i = 0; i < dims.length; i++) {
            int src = i - lead;
            int have = src < 0 ? 1 : t.shape().dim(src);
            if (dims[i] == -1) {
                if (src < 0) {
                    throw new ShapeException("expand: -1 is not allowed for a new leading axis");
                }
                dims[i] = have;
            }
            if (have != 1 && have != dims[i]) {
                throw new ShapeException("expand: cannot expand shape " + t.shape() + " to "
                        + Shape.format(requested) + ": axis " + i + " has size " + have + ", not 1");
            }
        }
        Shape shape = Shape.of(dims);
        View v = broadcastView(t, shape);
        Tensor out = alias(t, shape, v.strides(), v.offset());
        Shape original = t.shape();
        return Autograd.record("expand", out,
                (g, needs) -> new Tensor[] {Reductions.sumToShape(g, original)}, t);
    }

    static Tensor squeeze(Tensor t, Integer axis) {
        List<Integer> keep = new ArrayList<>();
        int ax = axis == null ? -1 : Shape.normalizeAxis(axis, t.rank(), "squeeze");
        for (int i = 0; i < t.rank(); i++) {
            boolean drop = t.shape().dim(i) == 1 && (axis == null || i == ax);
            if (!drop) {
                keep.add(i);
            }
        }
        return keepAxes(t, keep, "squeeze");
    }

    static Tensor unsqueeze(Tensor t, int axis) {
        int rank = t.rank() + 1;
        int ax = Shape.normalizeAxis(axis, rank, "unsqueeze");
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0, src = 0; i < rank; i++) {
            if (i == ax) {
                dims[i] = 1;
                strides[i] = src < t.rank() ? t.view().strides()[src] * t.shape().dim(src) : 1;
            } else {
                dims[i] = t.shape().dim(src);
                strides[i] = t.view().strides()[src];
                src++;
            }
        }
        Tensor out = alias(t, Shape.of(dims), strides, t.view().offset());
        return Autograd.record("unsqueeze", out, (g, needs) -> new Tensor[] {g.squeeze(ax)}, t);
    }

    private static Tensor keepAxes(Tensor t, List<Integer> keep, String op) {
        int[] dims = new int[keep.size()];
        int[] strides = new int[keep.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.shape().dim(keep.get(i));
            strides[i] = t.view().strides()[keep.get(i)];
        }
        Tensor out = alias(t, Shape.of(dims), strides, t.view().offset());
        Shape original = t.shape();
        return Autograd.record(op, out, (g, needs) -> new Tensor[] {g.reshape(original.toArray())}, t);
    }

    static Tensor flatten(Tensor t, int startAxis, int endAxis) {
        if (t.rank() == 0) {
            return t.reshape(1);
        }
        int s = Shape.normalizeAxis(startAxis, t.rank(), "flatten");
        int e = Shape.normalizeAxis(endAxis, t.rank(), "flatten");
        if (s > e) {
            throw new ShapeException("flatten: start axis " + startAxis + " comes after end axis " + endAxis);
        }
        int[] dims = new int[t.rank() - (e - s)];
        int k = 0;
        for (int i = 0; i < t.rank(); i++) {
            if (i <= s || i > e) {
                dims[k++] = t.shape().dim(i);
            } else {
                dims[k - 1] *= t.shape().dim(i);
            }
        }
        return t.reshape(dims);
    }

    static Tensor contiguous(Tensor t) {
        if (t.isContiguous()) {
            return t;
        }
        Tensor out = Factories.emptyForOverwrite(t.backend(), t.shape(), t.dtype());
        t.backend().copy(out.view(), t.view());
        return Autograd.record("contiguous", out, (g, needs) -> new Tensor[] {g}, t);
    }

    static Tensor concat(int axis, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        int ax = Shape.normalizeAxis(axis, first.rank(), "concat");
        int total = 0;
        for (Tensor t : tensors) {
            Checks.sameBackend("concat", first, t);
            Checks.sameDType("concat", first, t);
            if (t.rank() != first.rank()) {
                throw new ShapeException("concat: shapes " + first.shape() + " and " + t.shape() + " differ in rank");
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != ax && t.shape().dim(i) != first.shape().dim(i)) {
                    throw new ShapeException("concat: shapes " + first.shape() + " and " + t.shape()
                            + " differ on axis " + i + " (only axis " + ax + " may differ)");
                }
            }
            total += t.shape().dim(ax);
        }
        // every element is copied from one of the parts
        Tensor out = Factories.emptyForOverwrite(first.backend(), first.shape().with(ax, total), first.dtype());
        int[] starts = new int[tensors.size()];
        int at = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            int len = t.shape().dim(ax);
            if (t.numel() > 0) {
                first.backend().copy(slice(out, ax, at, at + len, 1).view(), t.view());
            }
            at += len;
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("concat", out, (g, needs) -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (needs[i]) {
                    grads[i] = slice(g, ax, starts[i], starts[i] + inputs[i].shape().dim(ax), 1);
                }
            }
            return grads;
        }, inputs);
    }

    static Tensor stack(int axis, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Shape shape = tensors.get(0).shape();
        int ax = Shape.normalizeAxis(axis, shape.rank() + 1, "stack");
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : tensors) {
            if (!t.shape().equals(shape)) {
                throw new ShapeException("stack: shapes " + shape + " and " + t.shape() + " differ");
            }
            expanded.add(t.unsqueeze(ax));
        }
        return concat(ax, expanded);
    }

    static List<Tensor> split(Tensor t, int size, int axis) {
        int ax = Shape.normalizeAxis(axis, t.rank(), "split");
        if (size <= 0) {
            throw new IllegalArgumentException("split: size must be positive, got " + size);
        }
        int n = t.shape().dim(ax);
        List<Tensor> parts = new ArrayList<>();
        for (int s = 0; s < n; s += size) {
            parts.add(slice(t, ax, s, Math.min(n, s + size), 1));
        }
        return parts;
    }

    static List<Tensor> chunk(Tensor t, int chunks, int axis) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        }
        int n = t.shape().dim(Shape.normalizeAxis(axis, t.rank(), "chunk"));
        return split(t, Math.max(1, (n + chunks - 1) / chunks), axis);
    }
}
