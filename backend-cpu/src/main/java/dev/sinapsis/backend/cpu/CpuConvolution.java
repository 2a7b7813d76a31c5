package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.gemm.JavaSgemm;
import dev.sinapsis.backend.cpu.gemm.Matrix;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU's {@link dev.sinapsis.backend.ConvolutionOps}: parallel over the images of the batch (forward
 * and input gradient: threads take the next image from a counter; weight gradient: fixed ranges, so
 * its partial sums are always formed and added the same way), each thread unfolding one image at a time into its own small column buffer (cache-resident, reused
 * across its images) and running serial GEMMs on it. Compared with the composite (im2col of the
 * whole batch into one large tensor, then a GEMM per image that splits a {@code 16 × 576} product
 * across threads), no batch-sized column tensor is written and read back, no thread hand-off happens
 * per image, the bias is added while the output row is hot, and the weight gradient accumulates in
 * one {@code [O, C*kH*kW]} buffer per thread instead of a {@code [N, O, C*kH*kW]} product summed
 * afterwards. Two other paths come first: a window covering the whole input is a fully connected
 * layer ({@link WholeImageConv}: one GEMM over the batch), and F32 calls with enough channels for the
 * vector lanes run {@link DirectConv}.
 */
final class CpuConvolution {
    private CpuConvolution() {
    }

    /** Shape of one call: batch, channels, plane sizes, filters and the unfolded sizes. */
    private record Dims(int n, int c, int h, int w, int o, int oh, int ow, int k, int kk, int p) {
        static Dims of(View x, int filters, ConvGeometry g) {
            int oh = g.outH(x.dim(2));
            int ow = g.outW(x.dim(3));
            int k = g.kernelH() * g.kernelW();
            return new Dims(x.dim(0), x.dim(1), x.dim(2), x.dim(3), filters, oh, ow, k, x.dim(1) * k, oh * ow);
        }

        long macsPerImage() {
            return (long) o * kk * p;
        }
    }

    /** The work on one image, with the calling thread's column buffer ({@code first}: its first image). */
    @FunctionalInterface
    private interface ImageBody {
        void run(int img, Object cols, boolean first);
    }

    /**
     * Runs {@code body} on every image, each thread taking the next image from a shared counter, so
     * a thread slowed by other work on its core takes fewer; every thread has its own column buffer.
     * Each image's result depends on that image only, so the assignment changes no value.
     */
    private static void eachImage(Dims d, boolean f32, ImageBody body) {
        AtomicInteger next = new AtomicInteger();
        int tasks = Math.min(d.n, Parallel.threads());
        Parallel.forRange(tasks, 2 * d.macsPerImage() * d.n / tasks, (from, to) -> {
            Object cols = f32 ? new float[d.kk * d.p] : new double[d.kk * d.p];
            boolean first = true;
            for (int img = next.getAndIncrement(); img < d.n; img = next.getAndIncrement(), first = false) {
                body.run(img, cols, first);
            }
        });
    }

    /**
     * Whether F32 calls may take {@link DirectConv} ({@code -Dsinapsis.cpu.directConv=false} keeps every
     * call on the GEMM path, for comparisons).
     */
    private static final boolean DIRECT = !"false".equals(System.getProperty("sinapsis.cpu.directConv"));

    static void conv2d(View out, View x, View weight, View bias, ConvGeometry g) {
        if (WholeImageConv.applies(x, g)) {
            WholeImageConv.conv2d(out, x, weight, bias);
            return;
        }
        if (DIRECT && x.dtype() == DType.F32 && DirectConv.worthIt(weight.dim(0))
                && DirectConv.enoughTaps(x.dim(1) * g.kernelH() * g.kernelW())) {
            DirectConv.conv2d(out, x, weight, bias, g);
            return;
        }
        Dims d = Dims.of(x, weight.dim(0), g);
        boolean f32 = x.dtype() == DType.F32;
        Object xs = array(x);
        Object ws = array(weight);
        Object ys = array(out);
        Object bs = bias == null ? null : array(bias);
        int[] s = x.strides();
        Matrix a = Matrix.rowMajor(ws, weight.offset(), d.o, d.kk);
        eachImage(d, f32, (img, cols, first) -> {
            unfold(xs, f32, x.offset() + img * s[0], s, d, g, cols, first);
            int yOff = out.offset() + img * d.o * d.p;
            gemm(f32, a, Matrix.rowMajor(cols, 0, d.kk, d.p), Matrix.rowMajor(ys, yOff, d.o, d.p), false);
            if (bs != null) {
                addBias(f32, ys, yOff, bs, bias.offset(), d.o, d.p);
            }
        });
    }

    static void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        if (WholeImageConv.applies(gradX, g)) {
            WholeImageConv.inputGrad(gradX, gradOut, weight);
            return;
        }
        if (DIRECT && gradX.dtype() == DType.F32 && DirectConv.worthIt(gradX.dim(1))
                && DirectConv.enoughTaps(weight.dim(0) * g.kernelH() * g.kernelW())) {
            DirectConv.conv2dInputGrad(gradX, gradOut, weight, g);
            return;
        }
        Dims d = Dims.of(gradX, weight.dim(0), g);
        boolean f32 = gradX.dtype() == DType.F32;
        Object gx = array(gradX);
        Object gy = array(gradOut);
        Object ws = array(weight);
        int plane = d.h * d.w;
        // weight^T: [C*kH*kW, O], read in place through swapped strides
        Matrix wt = new Matrix(ws, weight.offset(), d.kk, d.o, 1, d.kk);
        eachImage(d, f32, (img, cols, first) -> {
            Matrix colsM = Matrix.rowMajor(cols, 0, d.kk, d.p);
            gemm(f32, wt, Matrix.rowMajor(gy, gradOut.offset() + img * d.o * d.p, d.o, d.p), colsM, false);
            int xOff = gradX.offset() + img * d.c * plane;
            fill(gx, f32, xOff, xOff + d.c * plane);
            for (int ch = 0; ch < d.c; ch++) {
                CpuConv.col2imPlane(gx, f32, xOff + ch * plane, d.h, d.w, cols, ch * d.k * d.p, d.p, 1, g, d.oh, d.ow);
            }
        });
    }

    /** The weight gradient, and the bias gradient when the direct path runs (then true). */
    static boolean conv2dWeightAndBiasGrad(View gradWeight, View gradBias, View gradOut, View x, ConvGeometry g) {
        if (WholeImageConv.applies(x, g)) {
            WholeImageConv.weightGrad(gradWeight, gradOut, x);
            return false;
        }
        if (DIRECT && x.dtype() == DType.F32 && DirectConv.worthIt(gradWeight.dim(0))) {
            DirectConv.conv2dWeightGrad(gradWeight, gradBias, gradOut, x, g);
            return true;
        }
        conv2dWeightGrad(gradWeight, gradOut, x, g);
        return false;
    }

    static void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g) {
        if (WholeImageConv.applies(x, g)) {
            WholeImageConv.weightGrad(gradWeight, gradOut, x);
            return;
        }
        if (DIRECT && x.dtype() == DType.F32 && DirectConv.worthIt(gradWeight.dim(0))) {
            DirectConv.conv2dWeightGrad(gradWeight, gradOut, x, g);
            return;
        }
        Dims d = Dims.of(x, gradWeight.dim(0), g);
        boolean f32 = x.dtype() == DType.F32;
        Object xs = array(x);
        Object gy = array(gradOut);
        int[] s = x.strides();
        // one partial sum per chunk, keyed by its first image, added in image order: deterministic
        ConcurrentSkipListMap<Integer, Object> partials = new ConcurrentSkipListMap<>();
        Parallel.forRange(d.n, 2 * d.macsPerImage(), (from, to) -> {
            Object cols = f32 ? new float[d.kk * d.p] : new double[d.kk * d.p];
            Object acc = f32 ? new float[d.o * d.kk] : new double[d.o * d.kk];
            Matrix colsT = new Matrix(cols, 0, d.p, d.kk, 1, d.p);              // [oH*oW, C*kH*kW]
            Matrix accM = Matrix.rowMajor(acc, 0, d.o, d.kk);
            for (int img = from; img < to; img++) {
                unfold(xs, f32, x.offset() + img * s[0], s, d, g, cols, img == from);
                Matrix gyM = Matrix.rowMajor(gy, gradOut.offset() + img * d.o * d.p, d.o, d.p);
                gemm(f32, gyM, colsT, accM, img > from);
            }
            partials.put(from, acc);
        });
        Object gw = array(gradWeight);
        int size = d.o * d.kk;
        int base = gradWeight.offset();
        boolean first = true;
        for (Object part : partials.values()) {
            if (f32) {
                float[] dst = (float[]) gw;
                float[] src = (float[]) part;
                for (int i = 0; i < size; i++) {
                    dst[base + i] = first ? src[i] : dst[base + i] + src[i];
                }
            } else {
                double[] dst = (double[]) gw;
                double[] src = (double[]) part;
                for (int i = 0; i < size; i++) {
                    dst[base + i] = first ? src[i] : dst[base + i] + src[i];
                }
            }
            first = false;
        }
    }

    /**
     * im2col of one image (at {@code base} with strides {@code s}) into {@code cols [C*kH*kW, oH*oW]};
     * the padding's zeros are written only with {@code zeros} (the first image into this buffer).
     */
    private static void unfold(Object src, boolean f32, int base, int[] s, Dims d, ConvGeometry g, Object cols,
                               boolean zeros) {
        for (int ch = 0; ch < d.c; ch++) {
            CpuConv.im2colPlane(src, f32, base + ch * s[1], s[2], s[3], d.h, d.w, cols, ch * d.k * d.p, g, d.oh, d.ow,
                    zeros);
        }
    }

    /** {@code c = a·b} (or {@code c += a·b}) on this thread. */
    private static void gemm(boolean f32, Matrix a, Matrix b, Matrix c, boolean accumulate) {
        if (f32) {
            JavaSgemm.gemmSerial(a, b, c, accumulate);
            return;
        }
        double[] av = a.doubles();
        double[] bv = b.doubles();
        double[] cv = c.doubles();
        for (int i = 0; i < a.rows(); i++) {
            int cRow = c.offset() + i * c.rowStride();
            if (!accumulate) {
                Arrays.fill(cv, cRow, cRow + b.cols(), 0.0);
            }
            for (int p = 0; p < a.cols(); p++) {
                double v = av[a.offset() + i * a.rowStride() + p * a.colStride()];
                int bRow = b.offset() + p * b.rowStride();
                for (int j = 0; j < b.cols(); j++) {
                    cv[cRow + j] += v * bv[bRow + j * b.colStride()];
                }
            }
        }
    }

    private static void addBias(boolean f32, Object ys, int yOff, Object bs, int bOff, int o, int p) {
        for (int r = 0; r < o; r++) {
            int row = yOff + r * p;
            if (f32) {
                float[] y = (float[]) ys;
                float v = ((float[]) bs)[bOff + r];
                for (int j = row; j < row + p; j++) {
                    y[j] += v;
                }
            } else {
                double[] y = (double[]) ys;
                double v = ((double[]) bs)[bOff + r];
                for (int j = row; j < row + p; j++) {
                    y[j] += v;
                }
            }
        }
    }

    private static void fill(Object a, boolean f32, int from, int to) {
        if (f32) {
            Arrays.fill((float[]) a, from, to, 0f);
        } else {
            Arrays.fill((double[]) a, from, to, 0.0);
        }
    }

    private static Object array(View v) {
        return CpuStorage.of(v.storage()).array();
    }
}
