package dev.sinapsis.tensor;

/** In-place writes (never recorded on the tape): optimizer updates and gradient assembly. */
final class InPlace {
    private InPlace() {
    }

    static void copy(Tensor dst, Tensor src) {
        Checks.sameBackend("copyFrom", dst, src);
        guard("copyFrom", dst);
        if (!Shape.broadcast(dst.shape(), src.shape(), "copyFrom").equals(dst.shape())) {
            throw new ShapeException("copyFrom: source shape " + src.shape() + " does not broadcast to "
                    + dst.shape());
        }
        dst.backend().copy(dst.view(), Views.broadcastView(src, dst.shape()));
    }

    static void fill(Tensor dst, double value) {
        guard("fill", dst);
        dst.backend().fill(dst.view(), value);
    }

    private static void guard(String op, Tensor dst) {
        if (dst.requiresGrad() && dev.sinapsis.autograd.Autograd.isEnabled()) {
            throw new IllegalStateException(op + ": in-place write to a tensor that requires grad; "
                    + "do it inside Autograd.noGrad() (e.g. an optimizer step) or on a detach()ed tensor");
        }
    }
}
