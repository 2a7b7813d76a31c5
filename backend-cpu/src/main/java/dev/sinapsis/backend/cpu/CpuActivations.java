package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * The CPU's {@link dev.sinapsis.backend.ActivationOps}: ReLU's backward over contiguous arrays, split
 * across cores. The test {@code x > 0} is made on the raw bits, as an unsigned range check (the bits of
 * every float in (0, +inf] lie in [1, 0x7f800000]; NaNs, zeros and negatives outside), and the gradient's
 * bits are kept or cleared with a mask: no data-dependent branch (which mispredicts on activations) and
 * no Vector API mask, whose comparison ran C2's Java fallback in a training step.
 */
final class CpuActivations {
    private CpuActivations() {
    }

    static void reluBackward(View out, View grad, View x) {
        if (!out.isContiguous() || !grad.isContiguous() || !x.isContiguous() || !x.dtype().isFloating()
                || grad.dtype() != x.dtype() || out.dtype() != x.dtype()) {
            throw new IllegalArgumentException("reluBackward: needs contiguous views of one floating dtype, got "
                    + out.dtype() + ", " + grad.dtype() + " and " + x.dtype());
        }
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
            Parallel.forRange(n, 4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int bits = Float.floatToRawIntBits(xd[xo + i]);
                    int keep = bits - 1 + Integer.MIN_VALUE < 0x7f800000 + Integer.MIN_VALUE ? -1 : 0;
                    od[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(gd[go + i]) & keep);
                }
            });
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
}
