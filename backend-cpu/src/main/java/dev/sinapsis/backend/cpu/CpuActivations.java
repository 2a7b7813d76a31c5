package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * The CPU's {@link dev.sinapsis.backend.ActivationOps}: ReLU's backward and leaky ReLU's forward and
 * backward over contiguous arrays, split across cores. The test {@code x > 0} is made without a
 * data-dependent branch (which mispredicts on activations): F32 ReLU's backward with a Vector API
 * comparison ({@link VectorLoops#reluGrad}, its operator a constant so that C2 intrinsifies it); the
 * others on the raw bits, as an unsigned range check (the bits of every float in (0, +inf] lie in
 * [1, 0x7f800000]; NaNs, zeros and negatives outside), keeping or clearing the gradient's bits with a mask.
 */
final class CpuActivations {
    private CpuActivations() {
    }

    static void reluBackward(View out, View grad, View x) {
        requireContiguousSameFloating("reluBackward", out, grad, x);
        int n = x.numel();
        int oo = out.offset();
        int go = grad.offset();
        int xo = x.offset();
        Object o = CpuStorage.of(out.storage()).array();
        Object g = CpuStorage.of(grad.storage()).array();
        Object xs = CpuStorage.of(x.storage()).array();
        if (x.dtype() == DType.F32) {
            float[] od = (float[]) o;
            float[] gd = (float[]) g;
            float[] xd = (float[]) xs;
            Parallel.forRange(n, 4, (from, to) -> VectorLoops.reluGrad(gd, go + from, xd, xo + from, od, oo + from, to - from));
        } else {
            double[] od = (double[]) o;
            double[] gd = (double[]) g;
            double[] xd = (double[]) xs;
            Parallel.forRange(n, 4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(xd[xo + i]);
                    long keep = bits - 1 + Long.MIN_VALUE < 0x7ff0000000000000L + Long.MIN_VALUE ? -1L : 0L;
                    od[oo + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(gd[go + i]) & keep);
                }
            });
        }
    }

    /**
     * Leaky ReLU's forward ({@code grad == null}: {@code out = x > 0 ? x : slope * x}) or backward
     * ({@code out = x > 0 ? grad : slope * grad}), with the same bit test as {@link #reluBackward} and a
     * bit blend of the two candidates.
     */
    static void leakyRelu(View out, View grad, View x, double slope) {
        View g = grad == null ? x : grad;
        requireContiguousSameFloating("leakyRelu", out, g, x);
        int n = x.numel();
        int oo = out.offset();
        int go = g.offset();
        int xo = x.offset();
        Object o = CpuStorage.of(out.storage()).array();
        Object gs = CpuStorage.of(g.storage()).array();
        Object xs = CpuStorage.of(x.storage()).array();
        if (x.dtype() == DType.F32) {
            float[] od = (float[]) o;
            float[] gd = (float[]) gs;
            float[] xd = (float[]) xs;
            float s = (float) slope;
            Parallel.forRange(n, 4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int bits = Float.floatToRawIntBits(xd[xo + i]);
                    int keep = bits - 1 + Integer.MIN_VALUE < 0x7f800000 + Integer.MIN_VALUE ? -1 : 0;
                    float v = gd[go + i];
                    int kept = Float.floatToRawIntBits(v) & keep;
                    int scaled = Float.floatToRawIntBits(v * s) & ~keep;
                    od[oo + i] = Float.intBitsToFloat(kept | scaled);
                }
            });
        } else {
            double[] od = (double[]) o;
            double[] gd = (double[]) gs;
            double[] xd = (double[]) xs;
            Parallel.forRange(n, 4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(xd[xo + i]);
                    long keep = bits - 1 + Long.MIN_VALUE < 0x7ff0000000000000L + Long.MIN_VALUE ? -1L : 0L;
                    double v = gd[go + i];
                    long kept = Double.doubleToRawLongBits(v) & keep;
                    long scaled = Double.doubleToRawLongBits(v * slope) & ~keep;
                    od[oo + i] = Double.longBitsToDouble(kept | scaled);
                }
            });
        }
    }

    private static void requireContiguousSameFloating(String op, View out, View g, View x) {
        if (!out.isContiguous() || !g.isContiguous() || !x.isContiguous() || !x.dtype().isFloating()
                || g.dtype() != x.dtype() || out.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": needs contiguous views of one floating dtype, got "
                    + out.dtype() + ", " + g.dtype() + " and " + x.dtype());
        }
    }
}
