package dev.sinapsis.examples.perceptron;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Diagrams;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.Charts;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * {@code sinapsis run perceptron}: Rosenblatt's perceptron rule on the logic gates of chapter 3.
 * All six gates train side by side (one {@link Perceptron} row each): AND, OR, NAND and NOR
 * reach an epoch without error, while XOR and XNOR, which no line separates, never do.
 */
public final class PerceptronExample implements Example {
    /** Default epochs. */
    public static final int EPOCHS = 30;
    /** Learning rate of the perceptron rule. */
    public static final double LR = 0.1;
    private static final Color[] COLORS = {new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c),
        new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xd6, 0x27, 0x28), Color.BLACK};

    @Override
    public String name() {
        return "perceptron";
    }

    @Override
    public String summary() {
        return "ch. 3: perceptron rule on logic gates: learns AND, OR, NAND, NOR; never XOR or XNOR";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 10_000) {
            throw new ConfigException("--epochs must be in [1, 10000], got " + epochs);
        }
        List<LogicGate> gates = LogicGate.ALL;
        Result r = train(gates, epochs, options.seed());
        out.printf(Locale.ROOT, "Perceptron rule (lr %.1f, weights from seed %d) on %d gates at once, %d epochs of"
                + " the 4 inputs in shuffled order; backend %s%n", LR, options.seed(), gates.size(), epochs,
                Backends.current().name());
        out.println("gate   truth table  separable  first epoch without error  errors in last epoch  w1, w2, b");
        Map<String, Object> perGate = new LinkedHashMap<>();
        for (int g = 0; g < gates.size(); g++) {
            LogicGate gate = gates.get(g);
            int first = r.firstClean(g);
            double[] w = r.weights()[g];
            out.printf(Locale.ROOT, "%-5s  %-11s  %-9s  %-25s  %-20d  %+.2f, %+.2f, %+.2f%n", gate.name(),
                    table(gate.table()), gate.linearlySeparable() ? "yes" : "no",
                    first > 0 ? Integer.toString(first) : "never", r.errors().get(g).get(epochs - 1), w[0], w[1], w[2]);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("linearly_separable", gate.linearlySeparable());
            s.put("first_epoch_without_error", first > 0 ? first : null);
            s.put("fewest_errors_in_an_epoch", r.errors().get(g).stream().mapToInt(Integer::intValue).min().orElse(-1));
            s.put("errors_per_epoch", r.errors().get(g));
            s.put("weights", List.of(round(w[0]), round(w[1]), round(w[2])));
            s.put("learned", r.correct()[g]);
            perGate.put(gate.name(), s);
        }
        out.println("XOR and XNOR: no line separates their 1s from their 0s, so every epoch misclassifies at least"
                + " one input (Minsky and Papert, 1969).");

        List<Diagrams.Panel> panels = new ArrayList<>();
        for (int g = 0; g < gates.size(); g++) {
            double[] w = r.weights()[g];
            int first = r.firstClean(g);
            List<Diagrams.Point> points = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                points.add(new Diagrams.Point(LogicGate.INPUTS[i][0], LogicGate.INPUTS[i][1], gates.get(g).table()[i] == 1));
            }
            panels.add(new Diagrams.Panel(gates.get(g).name() + (first > 0 ? ": learned in epoch " + first
                    : ": never learned"), (x, y) -> w[0] * x + w[1] * y + w[2] > 0 ? 1 : 0, points, 9));
        }
        Diagrams.fields(options.out().resolve("boundaries.png"), "Perceptron decision boundaries after " + epochs
                + " epochs", panels, 3, -0.5, 1.5, "x1", "x2", "output 0 (shade), target 0 (hollow)", "output 1 (shade), target 1 (filled)");
        List<Charts.Series> curves = new ArrayList<>();
        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
        }
        for (int g = 0; g < gates.size(); g++) {
            double[] errs = r.errors().get(g).stream().mapToDouble(Integer::doubleValue).toArray();
            curves.add(new Charts.Series(gates.get(g).name(), epochAxis, errs, Charts.Style.LINE_POINTS, COLORS[g]));
        }
        XYChart chart = Charts.xy("Perceptron rule: misclassified inputs per epoch", "epoch", "errors (of 4 inputs)",
                curves, 900, 450);
        chart.getStyler().setYAxisDecimalPattern("#0");
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        Charts.save(options.out().resolve("errors.png"), chart);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("example", name());
        summary.put("backend", Backends.current().name());
        summary.put("epochs", epochs);
        summary.put("seed", options.seed());
        summary.put("learning_rate", LR);
        summary.put("gates", perGate);
        summary.put("out", options.out().toString());
        RunFiles.writeSummary(options.out(), Json.write(summary));
        out.println("Wrote " + options.out() + "/summary.json, boundaries.png, errors.png");
        return summary;
    }

    /**
     * The outcome of training.
     *
     * @param errors  per gate, the misclassified inputs of each epoch
     * @param weights per gate, (w1, w2, b) at the end
     * @param correct per gate, whether the final weights give the whole truth table
     */
    record Result(List<List<Integer>> errors, double[][] weights, boolean[] correct) {
        /** The first epoch (from 1) without error, or 0 if none. */
        int firstClean(int gate) {
            List<Integer> e = errors.get(gate);
            for (int i = 0; i < e.size(); i++) {
                if (e.get(i) == 0) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    /** Trains one perceptron per gate for {@code epochs} epochs on the current backend. */
    static Result train(List<LogicGate> gates, int epochs, long seed) {
        Generator gen = new Generator(seed);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[8];
        float[] t = new float[gates.size() * 4];
        for (int i = 0; i < 4; i++) {
            x[2 * i] = LogicGate.INPUTS[i][0];
            x[2 * i + 1] = LogicGate.INPUTS[i][1];
            for (int g = 0; g < gates.size(); g++) {
                t[g * 4 + i] = gates.get(g).table()[i];
            }
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor inputs = Tensor.of(x, 4, 2);
            Tensor targets = Tensor.of(t, gates.size(), 4);
            Perceptron p = new Perceptron(gates.size(), 2, gen);
            List<List<Integer>> errors = new ArrayList<>();
            for (int g = 0; g < gates.size(); g++) {
                errors.add(new ArrayList<>());
            }
            for (int e = 0; e < epochs; e++) {
                int[] counts = p.epoch(inputs, targets, shuffled(rng), LR);
                for (int g = 0; g < gates.size(); g++) {
                    errors.get(g).add(counts[g]);
                }
            }
            float[] y = p.outputs(inputs).toFloatArray();
            boolean[] correct = new boolean[gates.size()];
            for (int g = 0; g < gates.size(); g++) {
                correct[g] = true;
                for (int i = 0; i < 4; i++) {
                    correct[g] &= y[g * 4 + i] == t[g * 4 + i];
                }
            }
            return new Result(errors, p.weights(), correct);
        }
    }

    private static int[] shuffled(SplittableRandom rng) {
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private static String table(int[] t) {
        return "" + t[0] + t[1] + t[2] + t[3];
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
