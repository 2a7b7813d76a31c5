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
                        for (int y = 0; y < oh; y++) {
                            int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                            boolean rowInside = iy >= 0 && iy < h;
                            for (int x = 0; x < ow; x++, o++) {
                                int ix = x * g.strideW() - g.padW() + j * g.dilationW();
                                boolean inside = rowInside && ix >= 0 && ix < w;
                                int at = inBase + iy * s[2] + ix * s[3];
                                if (f32) {
                                    ((float[]) dst)[o] = inside ? ((float[]) src)[at] : 0f;
                                } else {
                                    ((double[]) dst)[o] = inside ? ((double[]) src)[at] : 0d;
                                }
                            }
                        }
                    }
                }
            }
        });
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
                        for (int y = 0; y < oh; y++) {
                            int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int x = 0; x < ow; x++) {
                                int ix = x * g.strideW() - g.padW() + j * g.dilationW();
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                int from2 = colBase + (y * ow + x) * s[2];
                                int at = outBase + iy * w + ix;
                                if (f32) {
                                    ((float[]) dst)[at] += ((float[]) src)[from2];
                                } else {
                                    ((double[]) dst)[at] += ((double[]) src)[from2];
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
