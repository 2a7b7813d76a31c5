package dev.sinapsis.examples.xor;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Charts;
import dev.sinapsis.examples.Diagrams;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * {@code sinapsis run xor}: chapters 4 and 5 on the problem a perceptron cannot learn. A
 * {@link XorNetwork} (2 inputs, 2 hidden sigmoid units, 1 output) shows its forward pass by hand
 * and vectorised, then learns XOR by backpropagation written out as the chain rule; the picture
 * shows the line each hidden unit draws and the output's non-linear boundary.
 */
public final class XorExample implements Example {
    /** Default epochs (full-batch steps). */
    public static final int EPOCHS = 1000;
    /** Default hidden units. */
    public static final int HIDDEN = 2;
    /** Learning rate. */
    public static final double LR = 2.0;
    /** Momentum. */
    public static final double MOMENTUM = 0.9;
    static final float[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
    static final float[] TARGETS = {0, 1, 1, 0};

    @Override
    public String name() {
        return "xor";
    }

    @Override
    public String summary() {
        return "ch. 4-5: XOR with a 2-2-1 sigmoid network, forward pass by hand and vectorised, backprop"
                + " written out (--hidden N)";
    }

    @Override
    public Set<String> extraOptions() {
        return Set.of("--hidden");
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 100_000) {
            throw new ConfigException("--epochs must be in [1, 100000], got " + epochs);
        }
        int hidden = options.integer("--hidden", HIDDEN, 1, 64);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(INPUTS, 4, 2);
            Tensor t = Tensor.of(TARGETS, 4, 1);
            XorNetwork net = new XorNetwork(hidden, new Generator(options.seed()), DType.F32);
            out.printf(Locale.ROOT, "XOR with a 2-%d-1 network of sigmoid units: gradient descent, lr %.1f, momentum %.1f,"
                    + " %d epochs, seed %d, backend %s%n", hidden, LR, MOMENTUM, epochs, options.seed(),
                    Backends.current().name());
            double[] byHand = net.forwardByHand(1, 0);
            float[] vectorised = net.forward(x).toFloatArray();
            out.printf(Locale.ROOT, "Forward pass before training, input (1, 0) by hand: hidden %s -> output %.6f;"
                    + " vectorised over the 4 inputs: %s%n", fmt(Arrays.copyOf(byHand, hidden)), byHand[hidden],
                    fmt(vectorised));

            List<Double> losses = new ArrayList<>();
            for (int e = 1; e <= epochs; e++) {
                try (MemoryScope step = MemoryScope.open()) {
                    losses.add(net.loss(x, t).item());
                    net.step(net.gradients(x, t), LR, MOMENTUM);
                }
                if (e == 1 || e % (epochs / 5 == 0 ? 1 : epochs / 5) == 0) {
                    out.printf(Locale.ROOT, "epoch %d/%d  loss %.6f%n", e, epochs, losses.get(e - 1));
                }
            }
            float[] y = net.forward(x).toFloatArray();
            int correct = 0;
            for (int i = 0; i < 4; i++) {
                correct += (y[i] > 0.5 ? 1 : 0) == (int) TARGETS[i] ? 1 : 0;
            }
            double finalLoss = net.loss(x, t).item();
            out.printf(Locale.ROOT, "After training: outputs %s for inputs 00, 01, 10, 11 (targets 0 1 1 0);"
                    + " accuracy %d/4, loss %.6f%n", fmt(y), correct, finalLoss);
            if (correct < 4) {
                out.println("Stuck in a local minimum, as a 2-2-1 network is from some starts (8 of seeds 0-49 in"
                        + " 1000 epochs): try another --seed, or --hidden 3 (49 of 50 seeds learn XOR).");
            }
            double[] w1 = net.parameters().get(0).to(DType.F64).toDoubleArray();
            double[] b1 = net.parameters().get(1).to(DType.F64).toDoubleArray();
            for (int j = 0; j < hidden; j++) {
                out.printf(Locale.ROOT, "  hidden unit %d fires where %+.2f x1 %+.2f x2 %+.2f > 0%n", j + 1, w1[2 * j],
                        w1[2 * j + 1], b1[j]);
            }
            writePictures(options, net, hidden, losses);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("example", name());
            summary.put("backend", Backends.current().name());
            summary.put("hidden", hidden);
            summary.put("epochs", epochs);
            summary.put("seed", options.seed());
            summary.put("learning_rate", LR);
            summary.put("momentum", MOMENTUM);
            summary.put("accuracy", correct / 4.0);
            summary.put("outputs", toList(y));
            summary.put("final_loss", finalLoss);
            summary.put("first_loss", losses.get(0));
            summary.put("out", options.out().toString());
            RunFiles.writeSummary(options.out(), Json.write(summary));
            out.println("Wrote " + options.out() + "/summary.json, boundary.png, loss.png");
            return summary;
        }
    }

    private static void writePictures(ExampleOptions options, XorNetwork net, int hidden, List<Double> losses)
            throws IOException {
        double[] w1 = net.parameters().get(0).to(DType.F64).toDoubleArray();
        double[] b1 = net.parameters().get(1).to(DType.F64).toDoubleArray();
        double[] w2 = net.parameters().get(2).to(DType.F64).toDoubleArray();
        double b2 = net.parameters().get(3).to(DType.F64).toDoubleArray()[0];
        List<Diagrams.Point> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            points.add(new Diagrams.Point(INPUTS[2 * i], INPUTS[2 * i + 1], TARGETS[i] == 1));
        }
        List<Diagrams.Panel> panels = new ArrayList<>();
        for (int j = 0; j < Math.min(hidden, 4); j++) {
            int unit = j;
            panels.add(new Diagrams.Panel("hidden unit " + (j + 1), (a, b) -> sigmoid(w1[2 * unit] * a
                    + w1[2 * unit + 1] * b + b1[unit]), points, 9));
        }
        panels.add(new Diagrams.Panel("output y", (a, b) -> {
            double z = b2;
            for (int j = 0; j < hidden; j++) {
                z += w2[j] * sigmoid(w1[2 * j] * a + w1[2 * j + 1] * b + b1[j]);
            }
            return sigmoid(z);
        }, points, 9));
        Diagrams.fields(options.out().resolve("boundary.png"), "XOR: what each unit computes (line: its 0.5 level)",
                panels, Math.min(panels.size(), 3), -0.5, 1.5, "x1", "x2", "activation 0, target 0 (hollow)",
                "activation 1, target 1 (filled)");
        double[] epochs = new double[losses.size()];
        double[] loss = new double[losses.size()];
        for (int i = 0; i < losses.size(); i++) {
            epochs[i] = i + 1;
            loss[i] = losses.get(i);
        }
        XYChart chart = Charts.xy("XOR: training loss", "epoch", "loss \u00bd mean (y \u2212 t)\u00b2 (log scale)",
                List.of(new Charts.Series("backprop, gradient descent with momentum", epochs, loss, Charts.Style.LINE)),
                800, 450);
        chart.getStyler().setYAxisLogarithmic(true);
        Charts.save(options.out().resolve("loss.png"), chart);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static List<Double> toList(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float f : v) {
            out.add(Math.round(f * 1e6) / 1e6);
        }
        return out;
    }

    private static String fmt(float[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return sb.append(']').toString();
    }

    private static String fmt(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return fmt(f);
    }
}
