package dev.sinapsis.examples.regression;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Charts;
import dev.sinapsis.examples.Charts.Series;
import dev.sinapsis.examples.Charts.Style;
import dev.sinapsis.examples.Diagrams;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * {@code sinapsis run logistic-regression}: two overlapping Gaussian classes in the plane,
 * separated by logistic regression fitted with gradient descent on the cross-entropy, which must
 * reach the reference fit of Newton's method (the maximum-likelihood weights) within
 * {@link #TOLERANCE}.
 */
public final class LogisticRegressionExample implements Example {
    /** Default epochs. */
    public static final int EPOCHS = 300;
    /** Points per class. */
    public static final int PER_CLASS = 100;
    /** Learning rate. */
    public static final double LR = 1.0;
    /** Newton iterations of the reference fit. */
    public static final int NEWTON_STEPS = 12;
    /** How close gradient descent must end to Newton's weights (largest absolute difference). */
    public static final double TOLERANCE = 1e-3;
    /** Centre of class 1; class 0 is centred at its opposite; both have unit variance. */
    static final double[] CENTRE = {1.0, 0.5};

    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public String summary() {
        return "slides: logistic regression by gradient descent on the cross-entropy, against Newton's method";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 100_000) {
            throw new ConfigException("--epochs must be in [1, 100000], got " + epochs);
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor[] xy = data(options.seed());
            Tensor x = xy[0];
            Tensor y = xy[1];
            out.printf(Locale.ROOT, "Logistic regression: %d points, two Gaussian classes (unit variance) centred at"
                    + " (%.1f, %.1f) and (%.1f, %.1f); seed %d, backend %s%n", 2 * PER_CLASS, -CENTRE[0], -CENTRE[1],
                    CENTRE[0], CENTRE[1], options.seed(), Backends.current().name());
            double[] newton = LogisticRegression.newton(x, y, NEWTON_STEPS);
            double best = LogisticRegression.crossEntropy(x, y, newton);
            Fit gd = LogisticRegression.gradientDescent(x, y, epochs, LR);
            double dist = gd.distance(newton);
            out.printf(Locale.ROOT, "%-28s  w = (%.4f, %.4f)  b = %.4f  cross-entropy %.5f  accuracy %.3f%n",
                    "Newton's method (reference)", newton[0], newton[1], newton[2], best,
                    LogisticRegression.accuracy(x, y, newton));
            out.printf(Locale.ROOT, "%-28s  w = (%.4f, %.4f)  b = %.4f  cross-entropy %.5f  accuracy %.3f%n",
                    "gradient descent (" + epochs + " ep.)", gd.weights()[0], gd.weights()[1], gd.weights()[2],
                    gd.losses().get(epochs - 1), LogisticRegression.accuracy(x, y, gd.weights()));
            out.printf(Locale.ROOT, "distance to the reference fit %.1e (tolerance %.0e: %s)%n", dist, TOLERANCE,
                    dist <= TOLERANCE ? "within" : "NOT within");
            writePictures(options, x, y, gd, best, epochs);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("example", name());
            summary.put("backend", Backends.current().name());
            summary.put("epochs", epochs);
            summary.put("seed", options.seed());
            summary.put("learning_rate", LR);
            summary.put("newton_weights", List.of(newton[0], newton[1], newton[2]));
            summary.put("newton_cross_entropy", best);
            summary.put("gd_weights", List.of(gd.weights()[0], gd.weights()[1], gd.weights()[2]));
            summary.put("gd_cross_entropy", gd.losses().get(epochs - 1));
            summary.put("distance", dist);
            summary.put("tolerance", TOLERANCE);
            summary.put("within_tolerance", dist <= TOLERANCE);
            summary.put("accuracy", LogisticRegression.accuracy(x, y, gd.weights()));
            summary.put("out", options.out().toString());
            RunFiles.writeSummary(options.out(), Json.write(summary));
            out.println("Wrote " + options.out() + "/summary.json, boundary.png, loss.png");
            return summary;
        }
    }

    /** The points ({@code [2n, 2]}) and labels ({@code [2n]}, class 0 first) from {@code seed}. */
    static Tensor[] data(long seed) {
        Generator gen = new Generator(seed);
        Tensor centre = Tensor.of(new double[] {CENTRE[0], CENTRE[1]}, 1, 2).to(DType.F32);
        Tensor class0 = Tensor.randn(gen, PER_CLASS, 2).sub(centre);
        Tensor class1 = Tensor.randn(gen, PER_CLASS, 2).add(centre);
        Tensor labels = Tensor.concat(0, Tensor.zeros(Shape.of(PER_CLASS), DType.F32),
                Tensor.ones(Shape.of(PER_CLASS), DType.F32));
        return new Tensor[] {Tensor.concat(0, class0, class1), labels};
    }

    /** Newton's method in doubles on the host, for the exact optimum the loss curve is drawn against. */
    private static double[] hostNewton(float[] pts, float[] labels) {
        double[] w = new double[3];
        for (int it = 0; it < 30; it++) {
            double[] g = new double[3];
            double[][] h = new double[3][3];
            for (int i = 0; i < labels.length; i++) {
                double[] a = {pts[2 * i], pts[2 * i + 1], 1};
                double p = 1 / (1 + Math.exp(-(w[0] * a[0] + w[1] * a[1] + w[2])));
                for (int r = 0; r < 3; r++) {
                    g[r] += (p - labels[i]) * a[r] / labels.length;
                    for (int c = 0; c < 3; c++) {
                        h[r][c] += p * (1 - p) * a[r] * a[c] / labels.length;
                    }
                }
            }
            double[] d = new org.apache.commons.math3.linear.LUDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(h)).getSolver()
                    .solve(new org.apache.commons.math3.linear.ArrayRealVector(g)).toArray();
            for (int r = 0; r < 3; r++) {
                w[r] -= d[r];
            }
        }
        return w;
    }

    private static double hostCrossEntropy(float[] pts, float[] labels, double[] w) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double z = w[0] * pts[2 * i] + w[1] * pts[2 * i + 1] + w[2];
            // log(1 + e^z) - y z, stable for either sign of z
            sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i] * z;
        }
        return sum / labels.length;
    }

    private static void writePictures(ExampleOptions options, Tensor x, Tensor y, Fit gd, double best, int epochs)
            throws IOException {
        float[] pts = x.toFloatArray();
        float[] labels = y.toFloatArray();
        List<Diagrams.Point> points = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            points.add(new Diagrams.Point(pts[2 * i], pts[2 * i + 1], labels[i] == 1));
        }
        double[] w = gd.weights();
        Diagrams.fields(options.out().resolve("boundary.png"), "Logistic regression: P(class 1) and its 0.5 boundary",
                List.of(new Diagrams.Panel(String.format(Locale.ROOT, "p = sigmoid(%.2f x1 %+.2f x2 %+.2f)", w[0], w[1],
                        w[2]), (a, b) -> 1 / (1 + Math.exp(-(w[0] * a + w[1] * b + w[2]))), points, 4)),
                1, -4, 4, "x1", "x2", "class 0 (hollow)", "class 1 (filled)");
        // the curve in doubles on the host: a difference of two float cross-entropies bottoms out at 1e-7
        double optimum = hostCrossEntropy(pts, labels, hostNewton(pts, labels));
        double[] epochAxis = new double[epochs];
        double[] excess = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
            excess[e] = Math.max(1e-15, hostCrossEntropy(pts, labels, gd.path().get(e)) - optimum);
        }
        XYChart chart = Charts.xy("Logistic regression: cross-entropy above Newton's optimum ("
                        + String.format(Locale.ROOT, "%.5f", best) + ")", "epoch",
                "cross-entropy \u2212 optimum (log scale, computed in doubles)",
                List.of(new Series("batch gradient descent, lr " + LR, epochAxis, excess, Style.LINE,
                        new Color(0x1f, 0x77, 0xb4))), 800, 500);
        chart.getStyler().setYAxisLogarithmic(true);
        Charts.save(options.out().resolve("loss.png"), chart);
    }
}
