package dev.sinapsis.examples.familytree;

import dev.sinapsis.examples.perceptron.Perceptron;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Whether the person codes separate the families: a perceptron trained on the codes (chapter
 * 3's rule, which reaches an epoch without error exactly when a plane separates them), and the
 * best single code unit (a threshold on it separates them when the ranges of the two families do
 * not overlap).
 *
 * @param perceptronEpoch the first error-free epoch of the perceptron, or 0 if none in {@link #EPOCHS}
 * @param unit            a unit whose values separate the families, or −1
 * @param margin          the gap between the two families' ranges on that unit (negative: overlap)
 */
record Probe(int perceptronEpoch, int unit, double margin) {
    /** Most epochs the perceptron probe runs. */
    static final int EPOCHS = 2000;

    static Probe of(double[][] codes, List<Boolean> english) {
        int n = codes.length;
        int k = codes[0].length;
        int bestUnit = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < k; u++) {
            double eMin = Double.POSITIVE_INFINITY;
            double eMax = Double.NEGATIVE_INFINITY;
            double iMin = Double.POSITIVE_INFINITY;
            double iMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (english.get(i)) {
                    eMin = Math.min(eMin, codes[i][u]);
                    eMax = Math.max(eMax, codes[i][u]);
                } else {
                    iMin = Math.min(iMin, codes[i][u]);
                    iMax = Math.max(iMax, codes[i][u]);
                }
            }
            double gap = Math.max(iMin - eMax, eMin - iMax);
            if (gap > best) {
                best = gap;
                bestUnit = u;
            }
        }
        float[] x = new float[n * k];
        float[] t = new float[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < k; u++) {
                x[i * k + u] = (float) codes[i][u];
            }
            t[i] = english.get(i) ? 1 : 0;
            order[i] = i;
        }
        int first = 0;
        try (MemoryScope scope = MemoryScope.open()) {
            Perceptron p = new Perceptron(1, k, new Generator(1));
            Tensor xs = Tensor.of(x, n, k);
            Tensor ts = Tensor.of(t, 1, n);
            for (int e = 1; e <= EPOCHS && first == 0; e++) {
                if (p.epoch(xs, ts, order, 0.1)[0] == 0) {
                    first = e;
                }
            }
        }
        return new Probe(first, best > 0 ? bestUnit : -1, best);
    }

    String describe() {
        String perceptron = perceptronEpoch > 0 ? "a perceptron separates the families (error-free in epoch "
                + perceptronEpoch + ")" : "no perceptron separates them in " + EPOCHS + " epochs";
        String single = unit >= 0 ? String.format(Locale.ROOT, ", and unit %d alone does (gap %.3f)", unit + 1, margin)
                : ", no single unit does";
        return perceptron + single;
    }
}
