package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * im2col / col2im for F32 and F64, parallel over (batch, channel) planes. Each plane of col2im
 * writes a disjoint part of the output, so no two threads touch the same element.
 */
final class CpuConv {
    private CpuConv() {
    }

    static void im2col(View out, View in, ConvGeometry g) {
        check("im2col", out, in);
        int n = in.dim(0);
        int c = in.dim(1);
        int h = in.dim(2);
        int w = in.dim(3);
        int oh = g.outH(h);
        int ow = g.outW(w);
        int[] s = in.strides();
        int k = g.kernelH() * g.kernelW();
        int planeOut = k * oh * ow;
        boolean f32 = in.dtype() == DType.F32;
        Object src = CpuStorage.of(in.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        int outBase = out.offset();
        Parallel.forRange(n * c, planeOut, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int b = plane / c;
                int ch = plane % c;
                im2colPlane(src, f32, in.offset() + b * s[0] + ch * s[1], s[2], s[3], h, w, dst,
                        outBase + plane * planeOut, g, oh, ow, true);
            }
        });
    }

    /**
     * Unfolds one {@code [H, W]} plane (element {@code (y, x)} at {@code inBase + y*sH + x*sW} of
     * {@code src}) into the {@code kH*kW} rows of {@code oh*ow} values starting at {@code o} of
     * {@code dst}, zeros in the padding (unless {@code zeros} is false: the caller reuses a buffer
     * already unfolded with this geometry, whose padding positions hold zeros).
     */
    static void im2colPlane(Object src, boolean f32, int inBase, int sH, int sW, int h, int w, Object dst, int o,
                            ConvGeometry g, int oh, int ow, boolean zeros) {
        for (int i = 0; i < g.kernelH(); i++) {
            for (int j = 0; j < g.kernelW(); j++) {
                int shift = j * g.dilationW() - g.padW();
                int x0 = firstInside(shift, g.strideW(), ow);
                int x1 = endInside(shift, g.strideW(), w, ow);
                int step = g.strideW() * sW;
                for (int y = 0; y < oh; y++, o += ow) {
                    int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                    if (iy < 0 || iy >= h || x0 >= x1) {
                        if (zeros) {
                            zero(dst, f32, o, o + ow);
                        }
                        continue;
                    }
                    if (zeros) {
                        zero(dst, f32, o, o + x0);
                        zero(dst, f32, o + x1, o + ow);
                    }
                    int at = inBase + iy * sH + (x0 * g.strideW() + shift) * sW;
                    if (f32) {
                        float[] d = (float[]) dst;
                        float[] f = (float[]) src;
                        if (step == 1) {
                            System.arraycopy(f, at, d, o + x0, x1 - x0);
                        } else {
                            for (int x = x0; x < x1; x++, at += step) {
                                d[o + x] = f[at];
                            }
                        }
                    } else {
                        double[] d = (double[]) dst;
                        double[] f = (double[]) src;
                        for (int x = x0; x < x1; x++, at += step) {
                            d[o + x] = f[at];
                        }
                    }
                }
            }
        }
    }

    /** First output column whose input column {@code x*stride + shift} is {@code >= 0}. */
    private static int firstInside(int shift, int stride, int ow) {
        return shift >= 0 ? 0 : Math.min(ow, (-shift + stride - 1) / stride);
    }

    /** One past the last output column whose input column {@code x*stride + shift} is {@code < w}. */
    private static int endInside(int shift, int stride, int w, int ow) {
        if (shift >= w) {
            return 0;
        }
        return Math.min(ow, (w - 1 - shift) / stride + 1);
    }

    private static void zero(Object dst, boolean f32, int from, int to) {
        if (from < to) {
            if (f32) {
                java.util.Arrays.fill((float[]) dst, from, to, 0f);
            } else {
                java.util.Arrays.fill((double[]) dst, from, to, 0d);
            }
        }
    }

    static void col2im(View out, View cols, ConvGeometry g) {
        check("col2im", out, cols);
        int n = out.dim(0);
        int c = out.dim(1);
        int h = out.dim(2);
        int w = out.dim(3);
        int oh = g.outH(h);
        int ow = g.outW(w);
        int[] s = cols.strides();
        boolean f32 = out.dtype() == DType.F32;
        Object src = CpuStorage.of(cols.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        int k = g.kernelH() * g.kernelW();
        Parallel.forRange(n * c, (long) k * oh * ow, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int b = plane / c;
                int ch = plane % c;
                col2imPlane(dst, f32, out.offset() + plane * h * w, h, w, src,
                        cols.offset() + b * s[0] + ch * k * s[1], s[1], s[2], g, oh, ow);
            }
        });
    }

    /**
     * Adds the {@code kH*kW} column rows of one channel (row {@code r}, column {@code q} at
     * {@code colBase + r*rowStride + q*colStride} of {@code src}) back into the contiguous
     * {@code [H, W]} plane at {@code outBase} of {@code dst}.
     */
    static void col2imPlane(Object dst, boolean f32, int outBase, int h, int w, Object src, int colBase,
                            int rowStride, int colStride, ConvGeometry g, int oh, int ow) {
        for (int i = 0; i < g.kernelH(); i++) {
            for (int j = 0; j < g.kernelW(); j++) {
                int rowBase = colBase + (i * g.kernelW() + j) * rowStride;
                int shift = j * g.dilationW() - g.padW();
                int x0 = firstInside(shift, g.strideW(), ow);
                int x1 = endInside(shift, g.strideW(), w, ow);
                for (int y = 0; y < oh; y++) {
                    int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int at = outBase + iy * w + x0 * g.strideW() + shift;
                    int fromCol = rowBase + (y * ow + x0) * colStride;
                    if (f32) {
                        float[] d = (float[]) dst;
                        float[] f = (float[]) src;
                        if (g.strideW() == 1 && colStride == 1) {
                            // unit strides: a loop C2 vectorises
                            for (int x = 0; x < x1 - x0; x++) {
                                d[at + x] += f[fromCol + x];
                            }
                            continue;
                        }
                        for (int x = x0; x < x1; x++, at += g.strideW(), fromCol += colStride) {
                            d[at] += f[fromCol];
                        }
                    } else {
                        double[] d = (double[]) dst;
                        double[] f = (double[]) src;
                        for (int x = x0; x < x1; x++, at += g.strideW(), fromCol += colStride) {
                            d[at] += f[fromCol];
                        }
                    }
                }
            }
        }
    }

    private static void check(String op, View contiguous, View other) {
        if (!contiguous.isContiguous()) {
            throw new IllegalArgumentException(op + ": the output view must be contiguous");
        }
        if (contiguous.dtype() != other.dtype() || !contiguous.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64 operands of one dtype, got "
                    + contiguous.dtype() + " and " + other.dtype());
        }
    }
}
