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
 * values, each block's total added in double; F64 in scalar loops. An F32 {@code [N, C]} input
 * (S = 1) instead goes a vector of channels at a time, one load per row.
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
        int rowBlocks = rowBlocks(d, f32);
        if (rowBlocks > 0) {
            Parallel.forRange(rowBlocks, 6 * L * d.count(), (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    trainRowsF32(d, b * L, out, mean, var, x, weight, bias, eps);
                }
            });
        }
        Parallel.forRange(d.c() - rowBlocks * L, 6 * d.count(), (from, to) -> {
            for (int ch = rowBlocks * L + from; ch < rowBlocks * L + to; ch++) {
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
        int rowBlocks = rowBlocks(d, f32);
        if (rowBlocks > 0) {
            Parallel.forRange(rowBlocks, 5 * L * d.count(), (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    trainGradRowsF32(d, b * L, gradX, gradWeight, gradBias, gradOut, x, weight, mean, var, eps);
                }
            });
        }
        Parallel.forRange(d.c() - rowBlocks * L, 5 * d.count(), (from, to) -> {
            for (int ch = rowBlocks * L + from; ch < rowBlocks * L + to; ch++) {
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

    /**
     * Whole vectors of channels of an F32 {@code [N, C]} input (S = 1, as {@code BatchNorm1d} after a
     * linear layer), which go to the row kernels below; the channels after them, and every other
     * layout, go one channel at a time. One channel at a time, an {@code [N, C]} channel is N values
     * C apart, each summed by a call of its own: a GAN's {@code BatchNorm1d} on [64, 256] and
     * [64, 512] took 12 % of its training step.
     */
    private static int rowBlocks(ChannelRuns d, boolean f32) {
        return f32 && d.s() == 1 ? d.c() / L : 0;
    }

    // ------------------------------------------------------------------ F32, [N, C]

    /**
     * Forward of channels {@code [ch0, ch0 + L)} of an {@code [N, C]} input: each row's L values one
     * vector, the mean and the squared deviations summed in float lanes over blocks of
     * {@value #BLOCK} rows and the blocks' totals in double, as the per-channel path does.
     */
    private static void trainRowsF32(ChannelRuns d, int ch0, View out, View mean, View var, View x, View weight,
                                     View bias, double eps) {
        float[] xs = floats(x);
        float[] ys = floats(out);
        int n = d.n();
        int c = d.c();
        int xo = x.offset() + ch0;
        int yo = out.offset() + ch0;
        float[] lanes = new float[L];
        double[] sum = new double[L];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            FloatVector acc = FloatVector.zero(F);
            for (int r = r0; r < Math.min(n, r0 + BLOCK); r++) {
                acc = acc.add(FloatVector.fromArray(F, xs, xo + r * c));
            }
            addLanes(acc, lanes, sum);
        }
        float[] mf = new float[L];
        for (int i = 0; i < L; i++) {
            sum[i] /= n;
            mf[i] = (float) sum[i];
        }
        FloatVector m = FloatVector.fromArray(F, mf, 0);
        double[] sq = new double[L];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            FloatVector acc = FloatVector.zero(F);
            for (int r = r0; r < Math.min(n, r0 + BLOCK); r++) {
                FloatVector dev = FloatVector.fromArray(F, xs, xo + r * c).sub(m);
                acc = dev.fma(dev, acc);
            }
            addLanes(acc, lanes, sq);
        }
        float[] scale = new float[L];
        float[] shift = new float[L];
        for (int i = 0; i < L; i++) {
            double v = sq[i] / n;
            double g = weight == null ? 1 : get(weight, ch0 + i);
            scale[i] = (float) (g / Math.sqrt(v + eps));
            shift[i] = bias == null ? 0f : (float) get(bias, ch0 + i);
            set(mean, ch0 + i, sum[i]);
            set(var, ch0 + i, v);
        }
        FloatVector sc = FloatVector.fromArray(F, scale, 0);
        FloatVector sh = FloatVector.fromArray(F, shift, 0);
        for (int r = 0; r < n; r++) {
            FloatVector.fromArray(F, xs, xo + r * c).sub(m).fma(sc, sh).intoArray(ys, yo + r * c);
        }
    }

    /** Backward of channels {@code [ch0, ch0 + L)} of an {@code [N, C]} input, as {@link #trainRowsF32}. */
    private static void trainGradRowsF32(ChannelRuns d, int ch0, View gradX, View gradWeight, View gradBias,
                                         View gradOut, View x, View weight, View mean, View var, double eps) {
        float[] gy = floats(gradOut);
        float[] xs = floats(x);
        int n = d.n();
        int c = d.c();
        int go = gradOut.offset() + ch0;
        int xo = x.offset() + ch0;
        float[] mf = new float[L];
        for (int i = 0; i < L; i++) {
            mf[i] = (float) get(mean, ch0 + i);
        }
        FloatVector m = FloatVector.fromArray(F, mf, 0);
        float[] lanes = new float[L];
        double[] sumDy = new double[L];
        double[] sumDyDev = new double[L];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            FloatVector accDy = FloatVector.zero(F);
            FloatVector accDyDev = FloatVector.zero(F);
            for (int r = r0; r < Math.min(n, r0 + BLOCK); r++) {
                FloatVector v = FloatVector.fromArray(F, gy, go + r * c);
                accDy = accDy.add(v);
                accDyDev = v.fma(FloatVector.fromArray(F, xs, xo + r * c).sub(m), accDyDev);
            }
            addLanes(accDy, lanes, sumDy);
            addLanes(accDyDev, lanes, sumDyDev);
        }
        float[] a = new float[L];
        float[] negK = new float[L];
        float[] c0 = new float[L];
        for (int i = 0; i < L; i++) {
            double inv = 1 / Math.sqrt(get(var, ch0 + i) + eps);
            if (gradBias != null) {
                set(gradBias, ch0 + i, sumDy[i]);
            }
            if (gradWeight != null) {
                set(gradWeight, ch0 + i, sumDyDev[i] * inv);
            }
            // as the per-channel path: gradX = a·dy - k·(x - mean) + c0
            double ai = (weight == null ? 1 : get(weight, ch0 + i)) * inv;
            a[i] = (float) ai;
            negK[i] = (float) -(ai * inv * inv * sumDyDev[i] / n);
            c0[i] = (float) (-ai * sumDy[i] / n);
        }
        if (gradX == null) {
            return;
        }
        float[] gx = floats(gradX);
        int xg = gradX.offset() + ch0;
        FloatVector av = FloatVector.fromArray(F, a, 0);
        FloatVector kv = FloatVector.fromArray(F, negK, 0);
        FloatVector cv = FloatVector.fromArray(F, c0, 0);
        for (int r = 0; r < n; r++) {
            FloatVector dev = FloatVector.fromArray(F, xs, xo + r * c).sub(m);
            FloatVector.fromArray(F, gy, go + r * c).fma(av, dev.fma(kv, cv)).intoArray(gx, xg + r * c);
        }
    }

    /** Adds {@code acc}'s lanes to {@code into}, in double. */
    private static void addLanes(FloatVector acc, float[] lanes, double[] into) {
        acc.intoArray(lanes, 0);
        for (int i = 0; i < L; i++) {
            into[i] += lanes[i];
        }
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
