package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * Fused softmax and log-softmax over the last dimension: rows split across cores, each row read
 * (any stride) for its maximum, then for the sum of exponentials (in double), then written.
 */
final class CpuSoftmax {
    private CpuSoftmax() {
    }

    static void softmax(View out, View in, boolean log) {
        DType t = in.dtype();
        if (!t.isFloating() || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("softmax: needs a contiguous output of the input's shape and "
                    + "floating dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        int m = in.dim(in.rank() - 1);
        int step = in.strides()[in.rank() - 1];
        Object src = CpuStorage.of(in.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        CpuRows.forEach(out, in, 8L * m, () -> {
            double[] e = new double[m];
            return (at, o) -> {
                if (t == DType.F32) {
                    rowF32((float[]) src, at, step, (float[]) dst, o, m, log, e);
                } else {
                    rowF64((double[]) src, at, step, (double[]) dst, o, m, log, e);
                }
            };
        });
    }

    private static void rowF32(float[] x, int at, int step, float[] y, int o, int m, boolean log, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0, p = at; j < m; j++, p += step) {
            max = Math.max(max, x[p]);
        }
        // the exponentials in double vectors (SVML through the Vector API: within an ulp of
        // Math.exp's double), then summed in order as before; Math.exp one at a time was 3 % of an
        // MLP step for its 128x10 log-softmax
        for (int j = 0, p = at; j < m; j++, p += step) {
            e[j] = x[p] - max;
        }
        for (int j = VectorMath.exp(e, m); j < m; j++) {
            e[j] = Math.exp(e[j]);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += e[j];
        }
        if (log) {
            double shift = max + Math.log(sum);
            for (int j = 0, p = at; j < m; j++, p += step) {
                y[o + j] = (float) (x[p] - shift);
            }
        } else {
            double inv = 1 / sum;
            for (int j = 0; j < m; j++) {
                y[o + j] = (float) (e[j] * inv);
            }
        }
    }

    private static void rowF64(double[] x, int at, int step, double[] y, int o, int m, boolean log, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0, p = at; j < m; j++, p += step) {
            max = Math.max(max, x[p]);
        }
        double sum = 0;
        if (log) {
            for (int j = 0, p = at; j < m; j++, p += step) {
                sum += Math.exp(x[p] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0, p = at; j < m; j++, p += step) {
                y[o + j] = (x[p] - max) - logSum;
            }
        } else {
            for (int j = 0, p = at; j < m; j++, p += step) {
                double v = Math.exp(x[p] - max);
                e[j] = v;
                sum += v;
            }
            for (int j = 0; j < m; j++) {
                y[o + j] = e[j] / sum;
            }
        }
    }
}
