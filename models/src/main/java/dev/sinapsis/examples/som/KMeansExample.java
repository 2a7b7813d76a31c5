package dev.sinapsis.examples.som;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run kmeans}: k-means with k-means++ seeding clusters {@value #DIGITS} MNIST
 * training digits into {@value #K} clusters without their labels; the purity (the fraction of digits
 * whose label is their cluster's commonest) is reported on them, and on {@value #TEST} test digits
 * assigned to the nearest centre. {@code --epochs} caps Lloyd's iterations.
 */
public final class KMeansExample implements Example {
    /** Training digits clustered. */
    public static final int DIGITS = 5000;
    /** Test digits assigned to the learned centres. */
    public static final int TEST = 2000;
    /** Clusters. */
    public static final int K = 10;
    /** Default cap on Lloyd's iterations. */
    public static final int MAX_ITERATIONS = 100;

    @Override
    public String name() {
        return "kmeans";
    }

    @Override
    public String summary() {
        return "ch. 9: k-means (k-means++ seeding) clustering of MNIST digits, with its purity";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int maxIterations = options.epochsOr(MAX_ITERATIONS);
        if (maxIterations < 1 || maxIterations > 10_000) {
            throw new ConfigException("--epochs (the most iterations) must be in [1, 10000], got " + maxIterations);
        }
        long start = System.nanoTime();
        String backend = Backends.current().name();
        MnistSubset train = MnistSubset.embedded(true, DIGITS);
        MnistSubset test = MnistSubset.embedded(false, TEST);
        out.printf(Locale.ROOT, "k-means on %d MNIST training digits (embedded subset), k = %d, k-means++ seeding,"
                + " backend %s, seed %d%n", DIGITS, K, backend, options.seed());
        KMeans.Result result;
        long[] testClusters;
        try (MemoryScope scope = MemoryScope.open()) {
            result = KMeans.fit(train.tensor(), K, maxIterations, new SplittableRandom(options.seed()));
            testClusters = KMeans.squaredDistances(test.tensor(), Tensor.of(result.centres(), K, train.dim()))
                    .argmin(1, false).toLongArray();
        }
        for (int i = 0; i < result.inertia().size(); i++) {
            if (i == 0 || i % 5 == 0 || i == result.inertia().size() - 1) {
                out.printf(Locale.ROOT, "%s  inertia %.1f%n", i == 0 ? "seeding     " : String.format(Locale.ROOT,
                        "iteration %2d", i), result.inertia().get(i));
            }
        }
        out.printf(Locale.ROOT, "%s after %d iterations%n", result.converged() ? "Converged (no assignment changed)"
                : "Stopped", result.iterations());
        int[] majority = Clusters.majorityLabels(result.assignment(), train.labels(), K);
        double purity = Clusters.purity(result.assignment(), train.labels(), K);
        int agree = 0;
        for (int i = 0; i < TEST; i++) {
            agree += majority[(int) testClusters[i]] == test.labels()[i] ? 1 : 0;
        }
        double testPurity = agree / (double) TEST;
        int[] sizes = new int[K];
        int[][] counts = new int[K][10];
        for (int i = 0; i < DIGITS; i++) {
            sizes[(int) result.assignment()[i]]++;
            counts[(int) result.assignment()[i]][train.labels()[i]]++;
        }
        out.printf(Locale.ROOT, "Purity %.4f on the clustered digits; %.4f of the test digits carry their nearest"
                + " centre's majority label (chance: about 0.11)%n", purity, testPurity);
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < K; c++) {
            int share = sizes[c] == 0 ? 0 : (int) Math.round(100.0 * counts[c][Math.max(0, majority[c])] / sizes[c]);
            labels.add(majority[c] + " (" + share + "%)");
            out.printf(Locale.ROOT, "  cluster %d: %4d digits, %3d%% of them %d%n", c, sizes[c], share, majority[c]);
        }
        float[] centres = result.centres();
        int side = train.side();
        ExamplePictures.imageGrid(options.out().resolve("centres.png"), new ExamplePictures.Grid(
                        "k-means centres of " + DIGITS + " MNIST digits (k = " + K + ", purity "
                                + String.format(Locale.ROOT, "%.3f", purity) + ")", 1, K, side, side, 3, 6,
                        "cluster, labelled with its majority digit (share of the cluster)", null, labels, null),
                (r, c, y, x) -> ExamplePictures.grey(centres[c * side * side + y * side + x], 0, 1));
        double[] x = new double[result.inertia().size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = result.inertia().get(i);
        }
        ExamplePictures.xyChart(options.out().resolve("inertia.png"), "k-means: inertia after seeding (0) and each"
                        + " Lloyd iteration", "iteration", "inertia (sum of squared distances to the centres)",
                List.of(new Series("k-means++ seeding, k = " + K, x, y)));
        ExampleSummary summary = new ExampleSummary(name(), options, backend)
                .put("digits", DIGITS).put("k", K).put("iterations", result.iterations())
                .put("converged", result.converged()).round("purity", purity).round("test_purity", testPurity)
                .round("seeding_inertia", result.inertia().get(0))
                .round("final_inertia", result.inertia().get(result.inertia().size() - 1))
                .put("cluster_sizes", java.util.Arrays.stream(sizes).boxed().toList())
                .put("cluster_labels", java.util.Arrays.stream(majority).boxed().toList());
        return summary.write(options, start, List.of("centres.png", "inertia.png"), out);
    }
}
