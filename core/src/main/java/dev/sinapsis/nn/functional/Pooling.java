package dev.sinapsis.nn.functional;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedMaxPool;
import dev.sinapsis.tensor.Im2col;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d pooling, unpooling and nearest-neighbour upsampling (PyTorch's {@code F.max_pool2d},
 * {@code F.avg_pool2d}, {@code F.max_unpool2d}, {@code F.interpolate(mode="nearest")}) composed from
 * {@link Im2col} windows, gather and scatter-add, so they are differentiable on every backend.
 *
 * <p>Inputs are {@code [N, C, H, W]}; every channel plane is pooled on its own. Spatial pairs are
 * {@code {h, w}}. As in PyTorch, padding may be at most half the kernel size, so every window
 * holds at least one real element.
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * Max pooling output and, per output element, the flat index {@code h*W + w} of the chosen
     * element within its {@code H x W} input plane (PyTorch's {@code return_indices=True}).
     *
     * @param output  {@code [N, C, oH, oW]}
     * @param indices {@code [N, C, oH, oW]}, I64
     */
    public record MaxPoolResult(Tensor output, Tensor indices) {
    }

    /** Max pooling with a square window, stride and padding, no dilation. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool(x, pair(kernel), pair(stride), pair(padding), pair(1), false).output();
    }

    /** Max pooling; see {@link #maxPool2dWithIndices}. */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return maxPool(x, kernel, stride, padding, dilation, false).output();
    }

    /**
     * Max pooling of {@code x [N, C, H, W]}: each output element is the largest element of its
     * window. Padded positions act as {@code -inf} and never win. The gradient goes to the chosen
     * element only; on ties the first element of the window (row-major) is chosen, like PyTorch.
     *
     * @param stride {@code null} means the kernel size
     */
    public static MaxPoolResult maxPool2dWithIndices(Tensor x, int[] kernel, int[] stride, int[] padding,
                                                     int[] dilation) {
        return maxPool(x, kernel, stride, padding, dilation, true);
    }

    /** Max pooling; the flat input positions of the maxima are computed only when asked for. */
    private static MaxPoolResult maxPool(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                         boolean withIndices) {
        ConvGeometry g = geometry("maxPool2d", x, kernel, stride, padding, dilation);
        if (FusedMaxPool.available(x)) {
            Tensor[] fused = FusedMaxPool.apply(x, g);
            return new MaxPoolResult(fused[0], withIndices ? fused[1] : null);
        }
        return maxPoolComposite(x, g, withIndices);
    }

    /** The reference composite: unfold, argmax over each window, gather. */
    private static MaxPoolResult maxPoolComposite(Tensor x, ConvGeometry g, boolean withIndices) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = g.outH(h);
        int ow = g.outW(w);
        Tensor cols = Im2col.unfold(x.reshape(n * c, 1, h, w), g);          // [N*C, k, L]
        if (g.padH() > 0 || g.padW() > 0) {
            Tensor inside = Im2col.unfold(Tensor.ones(Shape.of(1, 1, h, w), x.dtype()).to(x.backend()), g);
            cols = cols.maskedFill(inside.eq(0), Double.NEGATIVE_INFINITY);
        }
        Tensor arg = cols.argmax(1, true);                                   // [N*C, 1, L]
        Tensor out = cols.gather(1, arg).reshape(n, c, oh, ow);
        if (!withIndices) {
            return new MaxPoolResult(out, null);
        }
        // the flat input position of every window element, unfolded the same way, then picked by arg
        Tensor positions = Tensor.arange(0, (double) h * w, 1, DType.F64).to(x.backend()).reshape(1, 1, h, w);
        Tensor posCols = Im2col.unfold(positions, g).expand(n * c, -1, -1);  // [N*C, k, L]
        Tensor indices = posCols.gather(1, arg).to(DType.I64).reshape(n, c, oh, ow);
        return new MaxPoolResult(out, indices);
    }

    /** Average pooling with a square window, stride and padding, counting padded zeros. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, pair(kernel), pair(stride), pair(padding), true);
    }

    /**
     * Average pooling of {@code x [N, C, H, W]}. With {@code countIncludePad} (PyTorch's default)
     * every window is divided by {@code kH*kW}; without it, by the number of real (unpadded)
     * elements in the window.
     *
     * @param stride {@code null} means the kernel size
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        ConvGeometry g = geometry("avgPool2d", x, kernel, stride, padding, pair(1));
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        Tensor cols = Im2col.unfold(x.reshape(n * c, 1, h, w), g);          // [N*C, k, L]
        Tensor out;
        if (countIncludePad || (g.padH() == 0 && g.padW() == 0)) {
            out = cols.mean(new int[] {1}, false);
        } else {
            Tensor ones = Tensor.ones(Shape.of(1, 1, h, w), x.dtype()).to(x.backend());
            Tensor counts = Im2col.unfold(ones, g).sum(new int[] {1}, false); // [1, L]
            out = cols.sum(new int[] {1}, false).div(counts);
        }
        return out.reshape(n, c, g.outH(h), g.outW(w));
    }

    /**
     * The partial inverse of max pooling: {@code x [N, C, H, W]} values are placed at the flat
     * positions {@code indices [N, C, H, W]} (as returned by {@link #maxPool2dWithIndices}) of
     * zero planes {@code [N, C, outH, outW]}. Uses scatter-add: should two indices coincide
     * (overlapping pooling windows that chose the same element), their values add up, where
     * PyTorch keeps one of them.
     *
     * @throws ShapeException           when shapes disagree
     * @throws IllegalArgumentException when an index falls outside the output plane
     */
    public static Tensor maxUnpool2d(Tensor x, Tensor indices, int outH, int outW) {
        if (x.rank() != 4 || !x.shape().equals(indices.shape())) {
            throw new ShapeException("maxUnpool2d: expected input [N, C, H, W] and indices of the same shape, got "
                    + x.shape() + " and " + indices.shape());
        }
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("maxUnpool2d: output size must be positive, got " + outH + "x" + outW);
        }
        int n = x.dim(0);
        int c = x.dim(1);
        int l = x.dim(2) * x.dim(3);
        Tensor idx = indices.reshape(n, c, l);
        if (idx.numel() > 0) {
            long lo = (long) idx.min().item();
            long hi = (long) idx.max().item();
            if (lo < 0 || hi >= (long) outH * outW) {
                throw new IllegalArgumentException("maxUnpool2d: indices range over [" + lo + ", " + hi
                        + "] but the output plane " + outH + "x" + outW + " has " + (long) outH * outW + " positions");
            }
        }
        Tensor zeros = Tensor.zeros(Shape.of(n, c, outH * outW), x.dtype()).to(x.backend());
        return zeros.scatterAdd(2, idx, x.reshape(n, c, l)).reshape(n, c, outH, outW);
    }

    /** Nearest-neighbour upsampling of {@code x [N, C, H, W]} by an integer factor on both axes. */
    public static Tensor upsampleNearest(Tensor x, int scale) {
        return upsampleNearest(x, scale, scale);
    }

    /**
     * Nearest-neighbour upsampling by integer factors: {@code [N, C, H, W] -> [N, C, H*sH, W*sW]},
     * each element repeated in an {@code sH x sW} block. The gradient sums over the block.
     */
    public static Tensor upsampleNearest(Tensor x, int scaleH, int scaleW) {
        if (x.rank() != 4) {
            throw new ShapeException("upsampleNearest: expected input [N, C, H, W], got " + x.shape());
        }
        if (scaleH <= 0 || scaleW <= 0) {
            throw new IllegalArgumentException("upsampleNearest: scale factors must be positive, got "
                    + scaleH + "x" + scaleW);
        }
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, scaleH, w, scaleW).reshape(n, c, h * scaleH, w * scaleW);
    }

    private static ConvGeometry geometry(String op, Tensor x, int[] kernel, int[] stride, int[] padding,
                                         int[] dilation) {
        if (x.rank() != 4) {
            throw new ShapeException(op + ": expected input [N, C, H, W], got " + x.shape());
        }
        Convolutions.checkPair("kernel", kernel);
        int[] s = stride == null ? kernel : stride;
        ConvGeometry g = Convolutions.geometry(kernel[0], kernel[1], s, padding, dilation);
        if (2 * g.padH() > g.kernelH() || 2 * g.padW() > g.kernelW()) {
            throw new IllegalArgumentException(op + ": padding " + java.util.Arrays.toString(padding)
                    + " must be at most half the kernel " + java.util.Arrays.toString(kernel));
        }
        int oh = g.outH(x.dim(2));
        int ow = g.outW(x.dim(3));
        if (oh <= 0 || ow <= 0) {
            throw new ShapeException(op + ": a " + g.kernelH() + "x" + g.kernelW() + " window (dilation "
                    + g.dilationH() + "x" + g.dilationW() + ", padding " + g.padH() + "x" + g.padW()
                    + ") does not fit input " + x.shape());
        }
        return g;
    }

    private static int[] pair(int v) {
        return Convolutions.pair(v);
    }
}
