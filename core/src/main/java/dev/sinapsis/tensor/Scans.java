package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;

/** Cumulative sums along an axis, and their derivative. */
final class Scans {
    private Scans() {
    }

    /**
     * Cumulative sum along {@code axis} (PyTorch's {@code torch.cumsum}): BOOL and I32 inputs give
     * I64, F32/F64/I64 keep their dtype. The gradient of an inclusive prefix sum is the inclusive
     * suffix sum of the incoming gradient.
     */
    static Tensor cumsum(Tensor x, int axis) {
        if (x.dtype() == DType.BOOL || x.dtype() == DType.I32) {
            return cumsum(x.to(DType.I64), axis);
        }
        int a = x.rank() == 0 ? 0 : Shape.normalizeAxis(axis, x.rank(), "cumsum");
        if (x.rank() == 0 && axis != 0 && axis != -1) {
            throw new ShapeException("cumsum: axis " + axis + " is out of range for a 0-d tensor (use 0 or -1)");
        }
        Tensor out = scan(x, a, false);
        if (!x.dtype().isFloating()) {
            return out;
        }
        return Autograd.record("cumsum", out, (g, needs) -> new Tensor[] {scan(g, a, true)}, x);
    }

    /** The primitive with {@code axis} moved last (a view) and the result viewed back; not recorded. */
    private static Tensor scan(Tensor x, int axis, boolean reverse) {
        if (x.rank() == 0 || x.numel() == 0) {
            return Factories.empty(x.backend(), x.shape(), x.dtype()).copyFrom(x.detach());
        }
        int last = x.rank() - 1;
        Tensor in = axis == last ? x.detach() : x.detach().transpose(axis, last);
        Tensor out = Factories.empty(x.backend(), in.shape(), x.dtype());
        x.backend().cumsum(out.view(), in.view(), reverse);
        return axis == last ? out : out.transpose(axis, last);
    }
}
