package dev.sinapsis.examples.hopfield;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
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
 * {@code sinapsis run hopfield}: a network of {@value #SIDE}x{@value #SIDE} neurons stores
 * {@value #STORED} random patterns (load 0.05) and recalls each from a copy with 15% of its bits
 * flipped, the energy falling at every step; then the capacity experiment sweeps the load from 0.02
 * to 0.30 patterns per neuron and finds where recall collapses. {@code --epochs} caps the sweeps.
 */
public final class HopfieldExample implements Example {
    /** The pictures' side: N = SIDE^2 = 256 neurons (a power of two: exact F32 energies). */
    public static final int SIDE = 16;
    /** Patterns stored in the recall demonstration. */
    public static final int STORED = 13;
    /** Default cap on sweeps. */
    public static final int MAX_SWEEPS = 20;
    /** Networks per load in the capacity experiment. */
    public static final int REPLICATES = 8;
    /** Probes per network in the capacity experiment. */
    public static final int PROBES = 5;
    /** The theoretical capacity of the Hebbian network (Amit, Gutfreund and Sompolinsky 1985). */
    public static final double THEORY = 0.138;
    private static final int SHOWN = 4;

    @Override
    public String name() {
        return "hopfield";
    }

    @Override
    public String summary() {
        return "ch. 16: Hopfield network (Hebbian storage, asynchronous updates): recall from 15% flipped bits, capacity near 0.14 N";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int maxSweeps = options.epochsOr(MAX_SWEEPS);
        if (maxSweeps < 1 || maxSweeps > 1000) {
            throw new ConfigException("--epochs (the most sweeps) must be in [1, 1000], got " + maxSweeps);
        }
        long start = System.nanoTime();
        int n = SIDE * SIDE;
        SplittableRandom rng = new SplittableRandom(options.seed());
        ExampleSummary summary = new ExampleSummary(name(), options, Backends.current().name());
        out.printf(Locale.ROOT, "Hopfield network of %d neurons on backend %s, seed %d%n", n, Backends.current().name(),
                options.seed());
        float[] patterns = Recall.randomPatterns(rng, STORED, n);
        float[] probes = Recall.corrupt(patterns, n, Capacity.FLIP_PERCENT / 100.0, rng);
        Recall.Result recall;
        float[] overlaps;
        try (MemoryScope scope = MemoryScope.open()) {
            HopfieldNetwork net = HopfieldNetwork.store(Tensor.of(patterns, 1, STORED, n));
            recall = Recall.run(net, Tensor.of(probes, 1, STORED, n), maxSweeps, rng);
            overlaps = HopfieldNetwork.overlap(Tensor.of(recall.states(), 1, STORED, n), Tensor.of(patterns, 1, STORED, n))
                    .toFloatArray();
        }
        int exact = 0;
        double minOverlap = 1;
        for (float m : overlaps) {
            exact += m == 1f ? 1 : 0;
            minOverlap = Math.min(minOverlap, m);
        }
        out.printf(Locale.ROOT, "Recall: %d patterns stored (load %.3f), each probed with %d%% of its bits flipped"
                        + " (overlap %.2f)%n", STORED, STORED / (double) n, Capacity.FLIP_PERCENT,
                1 - 2 * Math.round(Capacity.FLIP_PERCENT / 100.0 * n) / (double) n);
        for (int i = 0; i < recall.labels().size(); i++) {
            out.printf(Locale.ROOT, "  after %-10s mean energy %9.4f%n", recall.labels().get(i), recall.energies().get(i + 1));
        }
        out.printf(Locale.ROOT, "  %s after %d sweeps; %d of %d patterns recalled exactly, smallest overlap %.4f%n",
                recall.converged() ? "fixed point" : "stopped", recall.sweeps(), exact, STORED, minOverlap);
        summary.put("neurons", n).put("stored", STORED).put("flipped_percent", Capacity.FLIP_PERCENT)
                .put("recall_sweeps", recall.sweeps()).put("recall_converged", recall.converged())
                .put("recalled_exactly", exact).round("recall_min_overlap", minOverlap)
                .rounded("recall_energy", recall.energies());
        recallPicture(options, patterns, probes, recall, n);
        energyPicture(options, recall);

        double[] loads = new double[15];
        for (int i = 0; i < loads.length; i++) {
            loads[i] = 0.02 * (i + 1);
        }
        out.printf(Locale.ROOT, "%nCapacity: %d networks per load, %d probes each, %d%% of the bits flipped;"
                + " recalled = final overlap >= %.2f%n", REPLICATES, PROBES, Capacity.FLIP_PERCENT, Capacity.RECALLED);
        List<Capacity.Load> capacity = Capacity.run(n, loads, REPLICATES, PROBES, maxSweeps, rng.nextLong());
        out.println("  load P/N  patterns  recalled  mean overlap");
        for (Capacity.Load l : capacity) {
            out.printf(Locale.ROOT, "  %8.2f  %8d  %8.3f  %12.4f%n", l.alpha(), l.patterns(), l.recalled(), l.meanOverlap());
        }
        double half = Capacity.halfRecallLoad(capacity);
        out.printf(Locale.ROOT, "Recall falls below one half at load %.3f (theory for large N: %.3f)%n", half, THEORY);
        capacityPicture(options, capacity);
        summary.put("capacity_loads", capacity.stream().map(Capacity.Load::alpha).map(a -> Math.round(a * 100) / 100.0).toList())
                .rounded("capacity_recalled", capacity.stream().map(Capacity.Load::recalled).toList())
                .rounded("capacity_mean_overlap", capacity.stream().map(Capacity.Load::meanOverlap).toList())
                .round("half_recall_load", half);
        return summary.write(options, start, List.of("recall.png", "energy.png", "capacity.png"), out);
    }

    private static void recallPicture(ExampleOptions options, float[] patterns, float[] probes, Recall.Result recall,
                                      int n) throws IOException {
        List<float[]> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        columns.add(patterns);
        labels.add("stored");
        columns.add(probes);
        labels.add(Capacity.FLIP_PERCENT + "% flipped");
        int last = recall.snapshots().size() - 1;
        for (int i = 0; i < recall.snapshots().size(); i++) {
            if (i < 4 || i == last) {                          // the quarters of sweep 1, sweep 2, the fixed point
                columns.add(recall.snapshots().get(i));
                labels.add(recall.labels().get(i));
            }
        }
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < SHOWN; r++) {
            rows.add("pattern " + (r + 1));
        }
        ExamplePictures.Grid grid = new ExamplePictures.Grid("Hopfield recall: " + n + " neurons, " + STORED
                + " random patterns stored", SHOWN, columns.size(), SIDE, SIDE, 6, 10,
                "asynchronous updates, left to right (black = -1, white = +1)", null, labels, rows);
        ExamplePictures.imageGrid(options.out().resolve("recall.png"), grid,
                (r, c, y, x) -> ExamplePictures.grey(columns.get(c)[r * n + y * SIDE + x], -1, 1));
    }

    private static void energyPicture(ExampleOptions options, Recall.Result recall) throws IOException {
        List<Double> e = recall.energies();
        double[] x = new double[e.size()];
        double[] y = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = i <= 4 ? i / 4.0 : i - 3;          // start, the quarters of sweep 1, then whole sweeps
            y[i] = e.get(i);
        }
        ExamplePictures.xyChart(options.out().resolve("energy.png"), "Hopfield recall: energy never increases",
                "sweeps (one sweep = every neuron updated once)", "mean energy -1/2 s'Ws",
                List.of(new Series("mean over the " + STORED + " probes", x, y)));
    }

    private static void capacityPicture(ExampleOptions options, List<Capacity.Load> capacity) throws IOException {
        double[] x = capacity.stream().mapToDouble(Capacity.Load::alpha).toArray();
        ExamplePictures.xyChart(options.out().resolve("capacity.png"),
                "Hopfield capacity: " + SIDE * SIDE + " neurons, probes with " + Capacity.FLIP_PERCENT + "% flipped bits",
                "load P/N (stored patterns per neuron)", "fraction / overlap", List.of(
                        new Series("recalled (overlap >= " + Capacity.RECALLED + ")", x,
                                capacity.stream().mapToDouble(Capacity.Load::recalled).toArray()),
                        new Series("mean final overlap", x, capacity.stream().mapToDouble(Capacity.Load::meanOverlap).toArray()),
                        new Series("theoretical capacity 0.138", new double[] {THEORY, THEORY}, new double[] {0, 1})));
    }
}
