package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * Fused 2-d max pooling for F32 and F64, parallel over (batch, channel) planes. Backward scatters
 * each plane's gradient through the saved indices; planes are disjoint, so threads never collide.
 */
final class CpuPooling {
    private CpuPooling() {
    }

    static void maxPool2d(View out, View indices, View in, ConvGeometry g) {
        if (!out.isContiguous() || !indices.isContiguous() || indices.dtype() != DType.I64
                || out.dtype() != in.dtype() || !in.dtype().isFloating()) {
            throw new IllegalArgumentException("maxPool2d: needs contiguous F32/F64 output and I64 indices, got "
                    + out.dtype() + " and " + indices.dtype() + " for " + in.dtype());
        }
        int c = in.dim(1);
        int h = in.dim(2);
        int w = in.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int[] s = in.strides();
        boolean f32 = in.dtype() == DType.F32;
        Object src = CpuStorage.of(in.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        long[] idx = CpuStorage.of(indices.storage()).longs();
        int planes = in.dim(0) * c;
        int kh = g.kernelH();
        int kw = g.kernelW();
        // the classic 2x2 / stride 2 pooling over row-contiguous planes: windows always inside
        boolean pairs = kh == 2 && kw == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0
                && g.padW() == 0 && g.dilationH() == 1 && g.dilationW() == 1 && s[3] == 1;
        Parallel.forRange(planes, (long) oh * ow * kh * kw, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int base = in.offset() + (plane / c) * s[0] + (plane % c) * s[1];
                int o = out.offset() + plane * oh * ow;
                int io = indices.offset() + plane * oh * ow;
                if (f32 && pairs) {
                    MaxPoolPairs.plane((float[]) src, base, s[2], (float[]) dst, o, idx, io, oh, ow, w);
                } else if (f32) {
                    planeF32((float[]) src, base, s[2], s[3], h, w, (float[]) dst, o, idx, io, oh, ow, g);
                } else {
                    planeF64((double[]) src, base, s[2], s[3], h, w, (double[]) dst, o, idx, io, oh, ow, g);
                }
            }
        });
    }

    // The two plane loops differ only in the element type (Java has no primitive generics).
    private static void planeF32(float[] src, int base, int sy, int sx, int h, int w, float[] dst, int o,
                                 long[] idx, int io, int oh, int ow, ConvGeometry g) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int sh = g.strideH();
        int sw = g.strideW();
        int dh = g.dilationH();
        int dw = g.dilationW();
        for (int y = 0; y < oh; y++) {
            int y0 = y * sh - g.padH();
            for (int x = 0; x < ow; x++, o++, io++) {
                int x0 = x * sw - g.padW();
                float best = 0f;
                int bestAt = -1;
                for (int i = 0; i < kh; i++) {
                    int iy = y0 + i * dh;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int row = base + iy * sy;
                    for (int j = 0; j < kw; j++) {
                        int ix = x0 + j * dw;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        float v = src[row + ix * sx];
                        // first maximum wins; the first NaN beats everything
                        if (bestAt < 0 || (best == best && (v != v || v > best))) {
                            best = v;
                            bestAt = iy * w + ix;
                        }
                    }
                }
                dst[o] = best;
                idx[io] = bestAt;
            }
        }
    }

    private static void planeF64(double[] src, int base, int sy, int sx, int h, int w, double[] dst, int o,
                                 long[] idx, int io, int oh, int ow, ConvGeometry g) {
        for (int y = 0; y < oh; y++) {
            int y0 = y * g.strideH() - g.padH();
            for (int x = 0; x < ow; x++, o++, io++) {
                int x0 = x * g.strideW() - g.padW();
                double best = 0;
                int bestAt = -1;
                for (int i = 0; i < g.kernelH(); i++) {
                    int iy = y0 + i * g.dilationH();
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int j = 0; j < g.kernelW(); j++) {
                        int ix = x0 + j * g.dilationW();
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        double v = src[base + iy * sy + ix * sx];
                        if (bestAt < 0 || (best == best && (v != v || v > best))) {
                            best = v;
                            bestAt = iy * w + ix;
                        }
                    }
                }
                dst[o] = best;
                idx[io] = bestAt;
            }
        }
    }

    static void maxPool2dBackward(View gradIn, View gradOut, View indices) {
        if (!gradIn.isContiguous() || !gradOut.isContiguous() || !indices.isContiguous()
                || gradIn.dtype() != gradOut.dtype() || !gradIn.dtype().isFloating()) {
            throw new IllegalArgumentException("maxPool2d backward: needs contiguous F32/F64 gradients of one dtype");
        }
        int hw = gradIn.dim(2) * gradIn.dim(3);
        int ohw = gradOut.dim(2) * gradOut.dim(3);
        boolean f32 = gradIn.dtype() == DType.F32;
        Object gi = CpuStorage.of(gradIn.storage()).array();
        Object go = CpuStorage.of(gradOut.storage()).array();
        long[] idx = CpuStorage.of(indices.storage()).longs();
        int planes = gradIn.dim(0) * gradIn.dim(1);
        Parallel.forRange(planes, ohw, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int inBase = gradIn.offset() + plane * hw;
                int o = gradOut.offset() + plane * ohw;
                int io = indices.offset() + plane * ohw;
                for (int k = 0; k < ohw; k++) {
                    int at = inBase + (int) idx[io + k];
                    if (f32) {
                        ((float[]) gi)[at] += ((float[]) go)[o + k];
                    } else {
                        ((double[]) gi)[at] += ((double[]) go)[o + k];
                    }
                }
            }
        });
    }
}
