package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.ConvGeometry;

/**
 * Sliding-window unfold and its adjoint fold (PyTorch's {@code F.unfold} / {@code F.fold}), the
 * differentiable building blocks of convolution, transposed convolution and pooling. Each is the
 * other's backward.
 */
public final class Im2col {
    private Im2col() {
    }

    /**
     * {@code x} of shape {@code [N, C, H, W]} to columns {@code [N, C*kH*kW, oH*oW]}: column
     * {@code oh*oW + ow} holds the window at output position {@code (oh, ow)}, zeros in the padding.
     */
    public static Tensor unfold(Tensor x, ConvGeometry g) {
        Checks.floating("unfold", x);
        if (x.rank() != 4) {
            throw new ShapeException("unfold: input must be [N, C, H, W], got " + x.shape());
        }
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = g.outH(h);
        int ow = g.outW(w);
        if (oh <= 0 || ow <= 0) {
            throw new ShapeException("unfold: a " + g.kernelH() + "x" + g.kernelW() + " window (dilation "
                    + g.dilationH() + "x" + g.dilationW() + ", padding " + g.padH() + "x" + g.padW()
                    + ") does not fit input " + x.shape());
        }
        Tensor out = Factories.empty(x.backend(), Shape.of(n, c * g.kernelH() * g.kernelW(), oh * ow), x.dtype());
        x.backend().im2col(out.view(), x.view(), g);
        return Autograd.record("unfold", out, (grad, needs) -> new Tensor[] {fold(grad, h, w, g)}, x);
    }

    /**
     * The adjoint of {@link #unfold}: columns {@code [N, C*kH*kW, L]} summed back into an image
     * {@code [N, C, H, W]}; overlapping windows add up.
     */
    public static Tensor fold(Tensor cols, int h, int w, ConvGeometry g) {
        Checks.floating("fold", cols);
        int k = g.kernelH() * g.kernelW();
        if (cols.rank() != 3 || cols.dim(1) % k != 0 || cols.dim(2) != g.outH(h) * g.outW(w)) {
            throw new ShapeException("fold: columns " + cols.shape() + " do not match a " + g.kernelH() + "x"
                    + g.kernelW() + " window over a " + h + "x" + w + " image (expected [N, C*" + k + ", "
                    + g.outH(h) * g.outW(w) + "])");
        }
        Tensor out = Factories.empty(cols.backend(), Shape.of(cols.dim(0), cols.dim(1) / k, h, w), cols.dtype());
        cols.backend().col2im(out.view(), cols.view(), g);
        return Autograd.record("fold", out, (grad, needs) -> new Tensor[] {unfold(grad, g)}, cols);
    }
}
