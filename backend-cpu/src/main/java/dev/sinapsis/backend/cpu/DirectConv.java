package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct F32 convolution with channels in the vector lanes: no unfolded input, no packed copy of it
 * and no scatter-add. Each image is first copied into a zero-bordered plane ({@code C × (H+2pH) ×
 * (W+2pW)}, a few kilobytes), so every input element a window reads is at a fixed offset from its
 * output pixel: {@code pixel offset + tap offset}. The three products are then one register tile
 * ({@link DirectConvKernel}): eight rows, each a broadcast of one input element read in place, times
 * one or two vectors of a small packed operand.
 * <ul>
 *   <li>forward: rows are output pixels, the reduction runs over the taps {@code (c, i, j)}, the
 *   packed operand is the weight transposed to {@code [tap][O]}, and the bias is the tile's start;</li>
 *   <li>input gradient: per phase of the stride, a correlation of the zero-bordered output gradient
 *   with that phase's taps, the weight as {@code [(o, i, j)][C]} ({@link DirectConvStrided});</li>
 *   <li>weight gradient: rows are the taps, the reduction runs over the output pixels, the packed
 *   operand is the image's output gradient transposed to {@code [pixel][O]}; each thread sums its
 *   images into its own {@code [tap][O]} buffer and the buffers are added in image order, so the
 *   result does not depend on the thread count's timing.</li>
 * </ul>
 * {@link #worthIt} says when a call gains from this (enough channels to fill half a vector); the
 * GEMM path of {@link CpuConvolution} handles the rest.
 */
final class DirectConv {
    private DirectConv() {
    }

    /** True when a product whose result has {@code lanes} channels fills at least half a vector. */
    static boolean worthIt(int lanes) {
        return 2 * lanes >= DirectConvKernel.L;
    }

    /**
     * True when a forward (or input gradient) with {@code taps} products per output runs direct: with
     * fewer, the transposed store of each tile costs more than the unfolding it saves (a 5x5
     * convolution of one channel: 2.4 ms direct against 1.9 ms by GEMM for a batch of 128).
     */
    static boolean enoughTaps(int taps) {
        return taps >= MIN_TAPS;
    }

    /** See {@link #enoughTaps}: -Dsinapsis.cpu.directConvMinTaps=N. */
    private static final int MIN_TAPS = Integer.getInteger("sinapsis.cpu.directConvMinTaps", 64);

    /** Zero-bordered plane sizes and the offsets of output pixels and taps in it. */
    record Plane(int c, int h, int w, int hp, int wp, int padH, int padW) {
        int size() {
            return c * hp * wp;
        }

        /**
         * Copies image {@code base} of {@code src} (strides {@code s}) into {@code dst}'s interior; the border
         * is zeroed only when {@code border} (the first image into a fresh buffer: later ones leave it intact).
         */
        void fill(float[] src, int base, int[] s, float[] dst, boolean border) {
            if (border) {
                java.util.Arrays.fill(dst, 0, size(), 0f);
            }
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int from = base + ch * s[1] + y * s[2];
                    int to = (ch * hp + y + padH) * wp + padW;
                    if (s[3] == 1) {
                        System.arraycopy(src, from, dst, to, w);
                    } else {
                        for (int x = 0; x < w; x++) {
                            dst[to + x] = src[from + x * s[3]];
                        }
                    }
                }
            }
        }
    }

    /**
     * The output pixels as tile rows: each line of {@code ow} pixels rounded up to whole tiles, so no tile
     * spans two lines and, with a unit column stride, a tile's eight inputs are adjacent. {@code offsets}
     * are positions in a plane of width {@code wp}; {@code targets} the pixel index in the output plane,
     * or -1 for a line's padding rows (computed on the plane's slack, not stored).
     */
    private record PixelRows(int[] offsets, int[] targets, int slack) {
        static PixelRows of(int oh, int ow, int strideH, int strideW, int wp, int tileRows) {
            int line = (ow + tileRows - 1) / tileRows * tileRows;
            int[] off = new int[oh * line];
            int[] at = new int[oh * line];
            for (int y = 0, r = 0; y < oh; y++) {
                for (int x = 0; x < line; x++, r++) {
                    off[r] = y * strideH * wp + x * strideW;
                    at[r] = x < ow ? y * ow + x : -1;
                }
            }
            return new PixelRows(off, at, (line - ow) * strideW + tileRows);
        }

        int rows() {
            return offsets.length;
        }
    }

    /** Offsets of the output pixels in a plane of width {@code wp}, in output order (the weight gradient's reduction). */
    private static int[] pixelOffsets(int oh, int ow, int strideH, int strideW, int wp) {
        int[] off = new int[oh * ow];
        for (int y = 0, p = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++, p++) {
                off[p] = y * strideH * wp + x * strideW;
            }
        }
        return off;
    }

    /** Offsets of the taps {@code (channel, i, j)} of a window, padded to whole tiles with 0. */
    private static int[] tapOffsets(int channels, int kh, int kw, int dilH, int dilW, int hp, int wp) {
        int[] off = new int[roundUp(channels * kh * kw)];
        int t = 0;
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    off[t++] = ch * hp * wp + i * dilH * wp + j * dilW;
                }
            }
        }
        return off;
    }

    private static int roundUp(int rows) {
        return (rows + DirectConvKernel.MR - 1) / DirectConvKernel.MR * DirectConvKernel.MR;
    }

    /** Channels rounded up to whole vectors: the packed operands' row length. */
    static int lanes(int channels) {
        int l = DirectConvKernel.L;
        return (channels + l - 1) / l * l;
    }

    static float[] floats(View v) {
        return (float[]) CpuStorage.of(v.storage()).array();
    }

    /**
     * Runs {@code body} on every image, threads taking the next one from a counter, each with its own
     * plane and work buffer ({@code workSize} floats: the product's running sums).
     */
    static void eachImage(int n, int planeSize, int workSize, long macsPerImage, ImageBody body) {
        AtomicInteger next = new AtomicInteger();
        int tasks = Math.min(n, Parallel.threads());
        Parallel.forRange(tasks, 2 * macsPerImage * n / tasks, (from, to) -> {
            float[] plane = new float[planeSize];  // includes the slack the padding rows read
            float[] work = new float[workSize];
            boolean first = true;
            for (int img = next.getAndIncrement(); img < n; img = next.getAndIncrement(), first = false) {
                body.run(img, plane, work, first);
            }
        });
    }

    @FunctionalInterface
    interface ImageBody {
        void run(int img, float[] plane, float[] work, boolean first);
    }

    /**
     * The input side of a convolution (forward and weight gradient): sizes, the input's bordered plane
     * and its tap offsets, and the packed operand's row length for {@code o} output channels.
     */
    private record InputSide(int n, int c, int o, int oh, int ow, int p, int taps, Plane plane, int ldb,
                             int[] tapOff) {
        static InputSide of(View x, int o, ConvGeometry g) {
            int c = x.dim(1);
            int oh = g.outH(x.dim(2));
            int ow = g.outW(x.dim(3));
            Plane plane = new Plane(c, x.dim(2), x.dim(3), x.dim(2) + 2 * g.padH(), x.dim(3) + 2 * g.padW(),
                    g.padH(), g.padW());
            int[] tapOff = tapOffsets(c, g.kernelH(), g.kernelW(), g.dilationH(), g.dilationW(), plane.hp(),
                    plane.wp());
            return new InputSide(x.dim(0), c, o, oh, ow, oh * ow, c * g.kernelH() * g.kernelW(), plane, lanes(o),
                    tapOff);
        }
    }

    static void conv2d(View out, View x, View weight, View bias, ConvGeometry g) {
        InputSide in = InputSide.of(x, weight.dim(0), g);
        int n = in.n();
        int o = in.o();
        int oh = in.oh();
        int ow = in.ow();
        int p = in.p();
        int taps = in.taps();
        Plane plane = in.plane();
        int ldb = in.ldb();
        // weight [O, C, kH, kW] (contiguous) as [tap][O]
        float[] w = floats(weight);
        float[] wt = new float[taps * ldb];
        for (int oc = 0; oc < o; oc++) {
            for (int t = 0; t < taps; t++) {
                wt[DirectConvKernel.packedAt(t, oc, taps, ldb)] = w[weight.offset() + oc * taps + t];
            }
        }
        float[] start = new float[ldb];
        if (bias != null) {
            System.arraycopy(floats(bias), bias.offset(), start, 0, o);
        }
        boolean unit = g.strideW() == 1;
        PixelRows pixels = PixelRows.of(oh, ow, g.strideH(), g.strideW(), plane.wp(),
                DirectConvKernel.tileRows(unit, ldb));
        int[] tapOff = in.tapOff();
        float[] xs = floats(x);
        float[] ys = floats(out);
        int[] s = x.strides();
        eachImage(n, plane.size() + pixels.slack(), pixels.rows() * ldb, (long) o * taps * p, (img, buf, work, first) -> {
            plane.fill(xs, x.offset() + img * s[0], s, buf, first);
            DirectConvKernel.product(buf, pixels.offsets(), pixels.rows(), unit, tapOff, taps, wt, ldb, o, start,
                    ys, out.offset() + img * o * p, p, pixels.targets(), work);
        });
    }

    /** The input gradient, any stride: {@link DirectConvStrided} (stride 1 is its one phase). */
    static void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        DirectConvStrided.inputGrad(gradX, gradOut, weight, g);
    }

    static void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g) {
        conv2dWeightGrad(gradWeight, null, gradOut, x, g);
    }

    /**
     * The weight gradient and, unless {@code gradBias} is null, the bias gradient, summed while the
     * output gradient is transposed anyway (a separate reduction was 3.6 % of a {@code cnn} step).
     */
    static void conv2dWeightGrad(View gradWeight, View gradBias, View gradOut, View x, ConvGeometry g) {
        InputSide in = InputSide.of(x, gradWeight.dim(0), g);
        int n = in.n();
        int o = in.o();
        int p = in.p();
        int taps = in.taps();
        Plane plane = in.plane();
        int ldb = in.ldb();
        int[] pixels = pixelOffsets(in.oh(), in.ow(), g.strideH(), g.strideW(), plane.wp());
        int[] tapOff = in.tapOff();
        float[] xs = floats(x);
        float[] gy = floats(gradOut);
        int[] s = x.strides();
        int rows = tapOff.length;
        boolean bias = gradBias != null;
        // one [tap][O] sum (and one [O] bias sum) per chunk of images, keyed by its first image, added
        // in image order
        ConcurrentSkipListMap<Integer, float[][]> partials = new ConcurrentSkipListMap<>();
        Parallel.forRange(n, 2L * o * taps * p, (from, to) -> {
            float[] buf = new float[plane.size()];
            float[] gyT = new float[p * ldb];
            float[] acc = new float[rows * ldb];
            float[] zero = new float[ldb];
            float[] biasAcc = new float[o];
            float[] imageSums = new float[o];
            for (int img = from; img < to; img++) {
                plane.fill(xs, x.offset() + img * s[0], s, buf, img == from);
                int base = gradOut.offset() + img * o * p;
                java.util.Arrays.fill(imageSums, 0f);
                // transposed in blocks of 16 pixels, so the reads stay on 16 lines and the writes on one row
                for (int q0 = 0; q0 < p; q0 += 16) {
                    int q1 = Math.min(p, q0 + 16);
                    for (int oc = 0; oc < o; oc++) {
                        int row = base + oc * p;
                        int at = DirectConvKernel.packedAt(0, oc, p, ldb);
                        int width = DirectConvKernel.blockWidth(DirectConvKernel.blockStart(oc), ldb);
                        float sum = imageSums[oc];
                        for (int q = q0; q < q1; q++) {
                            float v = gy[row + q];
                            gyT[at + q * width] = v;
                            sum += v;
                        }
                        imageSums[oc] = sum;
                    }
                }
                for (int oc = 0; oc < o; oc++) {
                    biasAcc[oc] += imageSums[oc];
                }
                // rows: the taps; reduction: the output pixels; result rows accumulate into acc [tap][O]
                DirectConvKernel.product(buf, tapOff, taps, false, pixels, p, gyT, ldb, o, zero, acc, 0, 0, null, null);
            }
            partials.put(from, new float[][] {acc, biasAcc});
        });
        float[] gw = floats(gradWeight);
        int base = gradWeight.offset();
        float[] gb = bias ? floats(gradBias) : null;
        boolean first = true;
        for (float[][] partial : partials.values()) {
            float[] acc = partial[0];
            for (int oc = 0; oc < o; oc++) {
                for (int t = 0; t < taps; t++) {
                    float v = acc[t * ldb + oc];
                    int at = base + oc * taps + t;
                    gw[at] = first ? v : gw[at] + v;
                }
                if (bias) {
                    int at = gradBias.offset() + oc;
                    gb[at] = first ? partial[1][oc] : gb[at] + partial[1][oc];
                }
            }
            first = false;
        }
    }
}
