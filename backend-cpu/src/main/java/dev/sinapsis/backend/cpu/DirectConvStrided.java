package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import java.util.ArrayList;
import java.util.List;

/**
 * The input gradient of a strided convolution (the forward of a transposed convolution, as in a DCGAN
 * generator) as direct products, one per phase: input row {@code y} receives only the taps {@code i}
 * with {@code i*dH ≡ y + pH (mod sH)}, from output row {@code (y + pH - i*dH) / sH}, so the input pixels
 * of one residue pair {@code ((y + pH) mod sH, (x + pW) mod sW)} form a stride-1 correlation of the
 * output gradient with the taps of that phase. Consecutive pixels of a phase read consecutive output
 * columns, so the tiles read adjacent inputs as in {@link DirectConv}. A phase no tap reaches gets
 * zeros. Replaces im2col's dual (a GEMM into an unfolded buffer, then col2im's scatter-add).
 */
final class DirectConvStrided {
    private DirectConvStrided() {
    }

    /** One phase: its pixel rows (offsets in the plane, targets in the input plane) and taps with their packed weights. */
    private record Phase(int[] rowOff, int[] targets, int[] stepOff, float[] b) {
    }

    static void inputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        int n = gradX.dim(0);
        int c = gradX.dim(1);
        int h = gradX.dim(2);
        int wd = gradX.dim(3);
        int o = weight.dim(0);
        int kh = g.kernelH();
        int kw = g.kernelW();
        int sh = g.strideH();
        int sw = g.strideW();
        int oh = g.outH(h);
        int ow = g.outW(wd);
        // border above and left: the largest tap shift in output rows (columns)
        int top = (kh - 1) * g.dilationH() / sh;
        int left = (kw - 1) * g.dilationW() / sw;
        int hq = top + Math.max((h - 1 + g.padH()) / sh + 1, oh);
        int wq = left + Math.max((wd - 1 + g.padW()) / sw + 1, ow);
        DirectConv.Plane plane = new DirectConv.Plane(o, oh, ow, hq, wq, top, left);
        int ldb = DirectConv.lanes(c);
        int tile = DirectConvKernel.tileRows(true, ldb);
        float[] w = DirectConv.floats(weight);
        List<Phase> phases = new ArrayList<>();
        int maxRows = 0;
        for (int ry = 0; ry < sh; ry++) {
            for (int rx = 0; rx < sw; rx++) {
                Phase ph = phase(ry, rx, g, h, wd, c, o, w, weight.offset(), ldb, tile, top, left, hq, wq);
                if (ph.rowOff.length > 0) {
                    phases.add(ph);
                    maxRows = Math.max(maxRows, ph.rowOff.length);
                }
            }
        }
        float[] start = new float[ldb];
        float[] gy = DirectConv.floats(gradOut);
        float[] gx = DirectConv.floats(gradX);
        int[] s = {o * oh * ow, oh * ow, ow, 1};
        int p = h * wd;
        int rows = maxRows;
        long macs = (long) o * kh * kw * c * p / Math.max(1, sh * sw);
        DirectConv.eachImage(n, plane.size() + wq + tile, rows * ldb, macs, (img, buf, work, first) -> {
            plane.fill(gy, gradOut.offset() + img * s[0], s, buf, first);
            for (Phase ph : phases) {
                DirectConvKernel.product(buf, ph.rowOff, ph.rowOff.length, true, ph.stepOff, ph.stepOff.length, ph.b,
                        ldb, c, start, gx, gradX.offset() + img * c * p, p, ph.targets, work);
            }
        });
    }

    private static Phase phase(int ry, int rx, ConvGeometry g, int h, int wd, int c, int o, float[] w, int wOff,
                               int ldb, int tile, int top, int left, int hq, int wq) {
        int sh = g.strideH();
        int sw = g.strideW();
        // this phase's columns: x with (x + pW) mod sW == rx, consecutive in q = (x + pW - rx) / sW
        List<Integer> xs = new ArrayList<>();
        for (int x = 0; x < wd; x++) {
            if ((x + g.padW()) % sw == rx) {
                xs.add(x);
            }
        }
        List<Integer> ys = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            if ((y + g.padH()) % sh == ry) {
                ys.add(y);
            }
        }
        int line = xs.isEmpty() ? 0 : (xs.size() + tile - 1) / tile * tile;
        int[] rowOff = new int[ys.size() * line];
        int[] targets = new int[rowOff.length];
        for (int a = 0, r = 0; a < ys.size(); a++) {
            int y = ys.get(a);
            int qy = (y + g.padH() - ry) / sh;
            int qx0 = xs.isEmpty() ? 0 : (xs.get(0) + g.padW() - rx) / sw;
            for (int b = 0; b < line; b++, r++) {
                rowOff[r] = (qy + top) * wq + qx0 + b + left;
                targets[r] = b < xs.size() ? y * wd + xs.get(b) : -1;
            }
        }
        // this phase's taps: i with i*dH ≡ ry (mod sH), reading output row q - (i*dH - ry) / sH
        List<int[]> taps = new ArrayList<>();
        for (int oc = 0; oc < o; oc++) {
            for (int i = 0; i < g.kernelH(); i++) {
                if (i * g.dilationH() % sh != ry) {
                    continue;
                }
                for (int j = 0; j < g.kernelW(); j++) {
                    if (j * g.dilationW() % sw != rx) {
                        continue;
                    }
                    taps.add(new int[] {oc, i, j});
                }
            }
        }
        int[] stepOff = new int[taps.size()];
        float[] b = new float[taps.size() * ldb];
        int kh = g.kernelH();
        int kw = g.kernelW();
        for (int t = 0; t < taps.size(); t++) {
            int oc = taps.get(t)[0];
            int i = taps.get(t)[1];
            int j = taps.get(t)[2];
            int ai = (i * g.dilationH() - ry) / sh;
            int bj = (j * g.dilationW() - rx) / sw;
            stepOff[t] = oc * hq * wq - ai * wq - bj;
            for (int ch = 0; ch < c; ch++) {
                b[DirectConvKernel.packedAt(t, ch, taps.size(), ldb)] = w[wOff + ((oc * c + ch) * kh + i) * kw + j];
            }
        }
        return new Phase(rowOff, targets, stepOff, b);
    }
}
