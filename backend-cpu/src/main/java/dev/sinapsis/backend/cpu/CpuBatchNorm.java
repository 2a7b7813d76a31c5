package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.ChannelRuns;
import dev.sinapsis.tensor.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU's {@link dev.sinapsis.backend.BatchNormOps}: threads split the channels, and each channel's
 * values ({@code N} runs of {@code S}, a few tens of kilobytes in a convolutional network, so the
 * later passes read them from cache) are read twice forward (the mean, then the squared deviations
 * from it) and once more to write the output, and read once backward for the two sums and once more
 * to write the input gradient. F32 runs are summed in vector lanes in blocks of {@value #BLOCK}
 * values, each block's total added in double; F64 in scalar loops.
 */
final class CpuBatchNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Values summed in float lanes before the block's total joins the double sum. */
    private static final int BLOCK = 1024;

    private CpuBatchNorm() {
    }

    static void train(View out, View mean, View var, View x, View weight, View bias, double eps) {
        ChannelRuns d = ChannelRuns.of("batchNormTrain", x, new View[] {out}, mean, var, weight, bias);
        boolean f32 = x.dtype() == DType.F32;
        Parallel.forRange(d.c(), 6 * d.count(), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double g = weight == null ? 1 : get(weight, ch);
                double b = bias == null ? 0 : get(bias, ch);
                double[] stats = f32 ? trainF32(d, ch, out, x, g, b, eps) : trainF64(d, ch, out, x, g, b, eps);
                set(mean, ch, stats[0]);
                set(var, ch, stats[1]);
            }
        });
    }

    static void trainGrad(View gradX, View gradWeight, View gradBias, View gradOut, View x, View weight, View mean,
                          View var, double eps) {
        ChannelRuns d = ChannelRuns.of("batchNormTrainGrad", x,
                gradX == null ? new View[] {gradOut} : new View[] {gradOut, gradX}, mean, var, weight, gradWeight, gradBias);
        boolean f32 = x.dtype() == DType.F32;
        double count = d.count();
        Parallel.forRange(d.c(), 5 * d.count(), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double m = get(mean, ch);
                double inv = 1 / Math.sqrt(get(var, ch) + eps);
                // Σ dy and Σ dy·(x - mean)
                double[] sums = f32 ? sumsF32(d, ch, gradOut, x, (float) m) : sumsF64(d, ch, gradOut, x, m);
                if (gradBias != null) {
                    set(gradBias, ch, sums[0]);
                }
                if (gradWeight != null) {
                    set(gradWeight, ch, sums[1] * inv);
                }
                if (gradX != null) {
                    // gradX = a·dy - k·(x - mean) + c0, with a = weight/std, k = a·Σ dy·xhat / (M·std),
                    // c0 = -a·Σ dy / M
                    double a = (weight == null ? 1 : get(weight, ch)) * inv;
                    double k = a * inv * inv * sums[1] / count;
                    double c = -a * sums[0] / count;
                    if (f32) {
                        inputGradF32(d, ch, gradX, gradOut, x, (float) m, (float) a, (float) k, (float) c);
                    } else {
                        inputGradF64(d, ch, gradX, gradOut, x, m, a, k, c);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ F32

    /** Forward of one channel; returns its mean and biased variance. */
    private static double[] trainF32(ChannelRuns d, int ch, View out, View x, double g, double b, double eps) {
        float[] xs = floats(x);
        float[] ys = floats(out);
        double sum = 0;
        for (int img = 0; img < d.n(); img++) {
            int at = x.offset() + d.run(img, ch);
            for (int from = 0; from < d.s(); from += BLOCK) {
                sum += sumF32(xs, at + from, Math.min(BLOCK, d.s() - from));
            }
        }
        double m = sum / d.count();
        float mf = (float) m;
        double sq = 0;
        for (int img = 0; img < d.n(); img++) {
            int at = x.offset() + d.run(img, ch);
            for (int from = 0; from < d.s(); from += BLOCK) {
                sq += squaredDeviationF32(xs, at + from, Math.min(BLOCK, d.s() - from), mf);
            }
        }
        double v = sq / d.count();
        float scale = (float) (g / Math.sqrt(v + eps));
        float shift = (float) b;
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            normalizeF32(xs, x.offset() + run, ys, out.offset() + run, d.s(), mf, scale, shift);
        }
        return new double[] {m, v};
    }

    private static float sumF32(float[] a, int at, int len) {
        int i = 0;
        float tail = 0;
        if (len >= L) {
            FloatVector acc = FloatVector.zero(F);
            for (; i <= len - L; i += L) {
                acc = acc.add(FloatVector.fromArray(F, a, at + i));
            }
            tail = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            tail += a[at + i];
        }
        return tail;
    }

    private static float squaredDeviationF32(float[] a, int at, int len, float m) {
        int i = 0;
        float tail = 0;
        if (len >= L) {
            FloatVector acc = FloatVector.zero(F);
            for (; i <= len - L; i += L) {
                FloatVector dev = FloatVector.fromArray(F, a, at + i).sub(m);
                acc = dev.fma(dev, acc);
            }
            tail = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            float dev = a[at + i] - m;
            tail += dev * dev;
        }
        return tail;
    }

    /** {@code y = (x - m)·scale + shift} over one run. */
    private static void normalizeF32(float[] x, int xAt, float[] y, int yAt, int len, float m, float scale,
                                     float shift) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector.fromArray(F, x, xAt + i).sub(m).fma(scale, shift).intoArray(y, yAt + i);
        }
        for (; i < len; i++) {
            y[yAt + i] = Math.fma(x[xAt + i] - m, scale, shift);
        }
    }

    /** Σ dy and Σ dy·(x - m) of one channel. */
    private static double[] sumsF32(ChannelRuns d, int ch, View gradOut, View x, float m) {
        float[] gy = floats(gradOut);
        float[] xs = floats(x);
        double sumDy = 0;
        double sumDyDev = 0;
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            for (int from = 0; from < d.s(); from += BLOCK) {
                int len = Math.min(BLOCK, d.s() - from);
                int g = gradOut.offset() + run + from;
                int a = x.offset() + run + from;
                int i = 0;
                float dy = 0;
                float dyDev = 0;
                if (len >= L) {
                    FloatVector accDy = FloatVector.zero(F);
                    FloatVector accDyDev = FloatVector.zero(F);
                    for (; i <= len - L; i += L) {
                        FloatVector v = FloatVector.fromArray(F, gy, g + i);
                        accDy = accDy.add(v);
                        accDyDev = v.fma(FloatVector.fromArray(F, xs, a + i).sub(m), accDyDev);
                    }
                    dy = accDy.reduceLanes(VectorOperators.ADD);
                    dyDev = accDyDev.reduceLanes(VectorOperators.ADD);
                }
                for (; i < len; i++) {
                    dy += gy[g + i];
                    dyDev += gy[g + i] * (xs[a + i] - m);
                }
                sumDy += dy;
                sumDyDev += dyDev;
            }
        }
        return new double[] {sumDy, sumDyDev};
    }

    private static void inputGradF32(ChannelRuns d, int ch, View gradX, View gradOut, View x, float m, float a, float k,
                                     float c) {
        float[] gx = floats(gradX);
        float[] gy = floats(gradOut);
        float[] xs = floats(x);
        float negK = -k;
        FloatVector av = FloatVector.broadcast(F, a);
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            int o = gradX.offset() + run;
            int g = gradOut.offset() + run;
            int at = x.offset() + run;
            int i = 0;
            for (; i <= d.s() - L; i += L) {
                FloatVector dev = FloatVector.fromArray(F, xs, at + i).sub(m);
                FloatVector.fromArray(F, gy, g + i).fma(av, dev.fma(negK, c)).intoArray(gx, o + i);
            }
            for (; i < d.s(); i++) {
                gx[o + i] = Math.fma(gy[g + i], a, Math.fma(xs[at + i] - m, negK, c));
            }
        }
    }

    // ------------------------------------------------------------------ F64

    private static double[] trainF64(ChannelRuns d, int ch, View out, View x, double g, double b, double eps) {
        double[] xs = doubles(x);
        double[] ys = doubles(out);
        double sum = 0;
        for (int img = 0; img < d.n(); img++) {
            int at = x.offset() + d.run(img, ch);
            for (int i = 0; i < d.s(); i++) {
                sum += xs[at + i];
            }
        }
        double m = sum / d.count();
        double sq = 0;
        for (int img = 0; img < d.n(); img++) {
            int at = x.offset() + d.run(img, ch);
            for (int i = 0; i < d.s(); i++) {
                double dev = xs[at + i] - m;
                sq += dev * dev;
            }
        }
        double v = sq / d.count();
        double scale = g / Math.sqrt(v + eps);
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            int at = x.offset() + run;
            int o = out.offset() + run;
            for (int i = 0; i < d.s(); i++) {
                ys[o + i] = (xs[at + i] - m) * scale + b;
            }
        }
        return new double[] {m, v};
    }

    private static double[] sumsF64(ChannelRuns d, int ch, View gradOut, View x, double m) {
        double[] gy = doubles(gradOut);
        double[] xs = doubles(x);
        double sumDy = 0;
        double sumDyDev = 0;
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            int g = gradOut.offset() + run;
            int a = x.offset() + run;
            for (int i = 0; i < d.s(); i++) {
                sumDy += gy[g + i];
                sumDyDev += gy[g + i] * (xs[a + i] - m);
            }
        }
        return new double[] {sumDy, sumDyDev};
    }

    private static void inputGradF64(ChannelRuns d, int ch, View gradX, View gradOut, View x, double m, double a, double k,
                                     double c) {
        double[] gx = doubles(gradX);
        double[] gy = doubles(gradOut);
        double[] xs = doubles(x);
        for (int img = 0; img < d.n(); img++) {
            int run = d.run(img, ch);
            int o = gradX.offset() + run;
            int g = gradOut.offset() + run;
            int at = x.offset() + run;
            for (int i = 0; i < d.s(); i++) {
                gx[o + i] = a * gy[g + i] - k * (xs[at + i] - m) + c;
            }
        }
    }

    // ------------------------------------------------------------------ [C] vectors

    private static double get(View v, int i) {
        Object a = CpuStorage.of(v.storage()).array();
        return a instanceof float[] f ? f[v.offset() + i] : ((double[]) a)[v.offset() + i];
    }

    private static void set(View v, int i, double value) {
        Object a = CpuStorage.of(v.storage()).array();
        if (a instanceof float[] f) {
            f[v.offset() + i] = (float) value;
        } else {
            ((double[]) a)[v.offset() + i] = value;
        }
    }

    private static float[] floats(View v) {
        return (float[]) CpuStorage.of(v.storage()).array();
    }

    private static double[] doubles(View v) {
        return (double[]) CpuStorage.of(v.storage()).array();
    }
}
