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
                int inBase = in.offset() + b * s[0] + ch * s[1];
                int o = outBase + plane * planeOut;
                for (int i = 0; i < g.kernelH(); i++) {
                    for (int j = 0; j < g.kernelW(); j++) {
                        int shift = j * g.dilationW() - g.padW();
                        int x0 = firstInside(shift, g.strideW(), ow);
                        int x1 = endInside(shift, g.strideW(), w, ow);
                        int step = g.strideW() * s[3];
                        for (int y = 0; y < oh; y++, o += ow) {
                            int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                            if (iy < 0 || iy >= h || x0 >= x1) {
                                zero(dst, f32, o, o + ow);
                                continue;
                            }
                            zero(dst, f32, o, o + x0);
                            zero(dst, f32, o + x1, o + ow);
                            int at = inBase + iy * s[2] + (x0 * g.strideW() + shift) * s[3];
                            if (f32) {
                                float[] d = (float[]) dst;
                                float[] f = (float[]) src;
                                for (int x = x0; x < x1; x++, at += step) {
                                    d[o + x] = f[at];
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
        });
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
                int outBase = out.offset() + plane * h * w;
                for (int i = 0; i < g.kernelH(); i++) {
                    for (int j = 0; j < g.kernelW(); j++) {
                        int row = (ch * g.kernelH() + i) * g.kernelW() + j;
                        int colBase = cols.offset() + b * s[0] + row * s[1];
                        int shift = j * g.dilationW() - g.padW();
                        int x0 = firstInside(shift, g.strideW(), ow);
                        int x1 = endInside(shift, g.strideW(), w, ow);
                        for (int y = 0; y < oh; y++) {
                            int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int at = outBase + iy * w + x0 * g.strideW() + shift;
                            int fromCol = colBase + (y * ow + x0) * s[2];
                            if (f32) {
                                float[] d = (float[]) dst;
                                float[] f = (float[]) src;
                                for (int x = x0; x < x1; x++, at += g.strideW(), fromCol += s[2]) {
                                    d[at] += f[fromCol];
                                }
                            } else {
                                double[] d = (double[]) dst;
                                double[] f = (double[]) src;
                                for (int x = x0; x < x1; x++, at += g.strideW(), fromCol += s[2]) {
                                    d[at] += f[fromCol];
                                }
                            }
                        }
                    }
                }
            }
        });
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
