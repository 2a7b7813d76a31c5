package dev.sinapsis.examples.hopfield;

import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The capacity experiment: for each load {@code alpha = P / N}, {@code replicates} networks each
 * store {@code P} random patterns and are probed with {@code probes} of them, {@value #FLIP_PERCENT}%
 * of the bits flipped; a probe is recalled when its final overlap with the pattern is at least
 * {@value #RECALLED} (at most 2.5% wrong bits: near the theoretical limit {@code alpha_c = 0.138} the
 * retrieval state still holds about 1.6% errors). All networks of every load run in one batch.
 */
public final class Capacity {
    /** Percentage of bits flipped in every probe. */
    public static final int FLIP_PERCENT = 15;
    /** Smallest overlap that counts as recalled. */
    public static final double RECALLED = 0.95;

    private Capacity() {
    }

    /** The figures of one load. */
    public record Load(double alpha, int patterns, double recalled, double meanOverlap) {
    }

    /**
     * Runs the experiment for {@code loads} with networks of {@code n} neurons; every load needs at
     * least {@code probes} patterns.
     */
    public static List<Load> run(int n, double[] loads, int replicates, int probes, int maxSweeps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int networks = loads.length * replicates;
        int[] counts = new int[loads.length];
        try (MemoryScope scope = MemoryScope.open()) {
            float[] targets = new float[networks * probes * n];
            List<Tensor> weights = new ArrayList<>();
            for (int l = 0; l < loads.length; l++) {
                counts[l] = (int) Math.round(loads[l] * n);
                if (counts[l] < probes) {
                    throw new IllegalArgumentException("hopfield capacity: load " + loads[l] + " of " + n
                            + " neurons stores " + counts[l] + " patterns, fewer than the " + probes + " probes");
                }
                for (int r = 0; r < replicates; r++) {
                    float[] patterns = Recall.randomPatterns(rng, counts[l], n);
                    weights.add(HopfieldNetwork.store(Tensor.of(patterns, 1, counts[l], n)).weights());
                    System.arraycopy(patterns, 0, targets, (l * replicates + r) * probes * n, probes * n);
                }
            }
            Tensor w = Tensor.concat(0, weights);
            HopfieldNetwork net = HopfieldNetwork.fromWeights(w);
            Tensor target = Tensor.of(targets, networks, probes, n);
            Tensor start = Tensor.of(Recall.corrupt(targets, n, FLIP_PERCENT / 100.0, rng), networks, probes, n);
            Recall.Result result = Recall.run(net, start, maxSweeps, rng);
            float[] overlap = HopfieldNetwork.overlap(Tensor.of(result.states(), networks, probes, n), target)
                    .toFloatArray();
            List<Load> out = new ArrayList<>();
            for (int l = 0; l < loads.length; l++) {
                int recalled = 0;
                double sum = 0;
                for (int k = l * replicates * probes; k < (l + 1) * replicates * probes; k++) {
                    recalled += overlap[k] >= RECALLED ? 1 : 0;
                    sum += overlap[k];
                }
                out.add(new Load(loads[l], counts[l], recalled / (double) (replicates * probes),
                        sum / (replicates * probes)));
            }
            return out;
        }
    }

    /**
     * The load where the recalled fraction first falls below one half, interpolated linearly between
     * the two loads around it, or NaN when it never does.
     */
    public static double halfRecallLoad(List<Load> loads) {
        for (int i = 1; i < loads.size(); i++) {
            Load a = loads.get(i - 1);
            Load b = loads.get(i);
            if (a.recalled() >= 0.5 && b.recalled() < 0.5) {
                return a.alpha() + (a.recalled() - 0.5) / (a.recalled() - b.recalled()) * (b.alpha() - a.alpha());
            }
        }
        return Double.NaN;
    }
}
