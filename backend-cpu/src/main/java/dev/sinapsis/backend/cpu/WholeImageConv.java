package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.gemm.Matrix;
import dev.sinapsis.backend.cpu.gemm.MatmulEngine;

/**
 * A convolution whose window is the whole unpadded input ({@code kH = H}, {@code kW = W}, no padding,
 * so one output pixel): with the image flattened to a row of {@code K = C*H*W}, it is a fully connected
 * layer, and each of its three products is one matrix product over the whole batch, split across
 * threads by the GEMM: forward {@code y [N, O] = x [N, K] · wᵀ}, input gradient
 * {@code dx [N, K] = dy [N, O] · w [O, K]}, weight gradient {@code dw [O, K] = dyᵀ · x}.
 *
 * <p>DCGAN's generator starts with one (a transposed convolution from a {@code 1×1} noise image to
 * {@code 7×7}, whose forward is this input gradient) and its discriminator ends with one. On the
 * direct path the first computed 49 times the work it needed: the output gradient, bordered by the
 * kernel size, is mostly zeros. On the image-by-image GEMM path the last was a product with one
 * column per image.
 */
final class WholeImageConv {
    private WholeImageConv() {
    }

    /**
     * True when the window covers the whole unpadded input {@code x [N, C, H, W]} (any stride or
     * dilation then leaves one output pixel only for dilation 1) and each image is one contiguous run.
     */
    static boolean applies(View x, ConvGeometry g) {
        return g.padH() == 0 && g.padW() == 0 && g.kernelH() == x.dim(2) && g.kernelW() == x.dim(3)
                && g.dilationH() == 1 && g.dilationW() == 1 && imageStride(x) > 0;
    }

    /** The stride between images when each image's {@code C*H*W} elements are contiguous, else -1. */
    private static int imageStride(View x) {
        int[] s = x.strides();
        int w = x.dim(3);
        int h = x.dim(2);
        boolean flat = (w == 1 || s[3] == 1) && (h == 1 || s[2] == w) && (x.dim(1) == 1 || s[1] == h * w);
        if (!flat) {
            return -1;
        }
        return x.dim(0) == 1 ? x.dim(1) * h * w : s[0];
    }

    /** {@code out [N, O, 1, 1] = x · wᵀ (+ bias)}. */
    static void conv2d(View out, View x, View weight, View bias) {
        int n = x.dim(0);
        int k = rowLength(x);
        int o = weight.dim(0);
        Object y = array(out);
        MatmulEngine.javaGemm(new Matrix(array(x), x.offset(), n, k, imageStride(x), 1),
                new Matrix(array(weight), weight.offset(), k, o, 1, k),
                Matrix.rowMajor(y, out.offset(), n, o));
        if (bias != null) {
            addBias(y, out.offset(), n, o, array(bias), bias.offset());
        }
    }

    /** {@code gradX [N, C, H, W] = gradOut [N, O] · w [O, K]}. */
    static void inputGrad(View gradX, View gradOut, View weight) {
        int n = gradX.dim(0);
        int k = rowLength(gradX);
        int o = weight.dim(0);
        MatmulEngine.javaGemm(Matrix.rowMajor(array(gradOut), gradOut.offset(), n, o),
                Matrix.rowMajor(array(weight), weight.offset(), o, k),
                Matrix.rowMajor(array(gradX), gradX.offset(), n, k));
    }

    /** {@code gradWeight [O, K] = gradOutᵀ · x}. */
    static void weightGrad(View gradWeight, View gradOut, View x) {
        int n = x.dim(0);
        int k = rowLength(x);
        int o = gradWeight.dim(0);
        MatmulEngine.javaGemm(new Matrix(array(gradOut), gradOut.offset(), o, n, 1, o),
                new Matrix(array(x), x.offset(), n, k, imageStride(x), 1),
                Matrix.rowMajor(array(gradWeight), gradWeight.offset(), o, k));
    }

    private static int rowLength(View x) {
        return x.dim(1) * x.dim(2) * x.dim(3);
    }

    private static void addBias(Object y, int off, int n, int o, Object bias, int bOff) {
        if (y instanceof float[] f) {
            float[] b = (float[]) bias;
            for (int i = 0; i < n; i++) {
                for (int j = 0, row = off + i * o; j < o; j++) {
                    f[row + j] += b[bOff + j];
                }
            }
        } else {
            double[] d = (double[]) y;
            double[] b = (double[]) bias;
            for (int i = 0; i < n; i++) {
                for (int j = 0, row = off + i * o; j < o; j++) {
                    d[row + j] += b[bOff + j];
                }
            }
        }
    }

    private static Object array(View v) {
        return CpuStorage.of(v.storage()).array();
    }
}
