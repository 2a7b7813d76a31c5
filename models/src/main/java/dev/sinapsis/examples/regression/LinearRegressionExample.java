package dev.sinapsis.examples.regression;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Charts;
import dev.sinapsis.examples.Charts.Series;
import dev.sinapsis.examples.Charts.Style;
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
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * {@code sinapsis run linear-regression}: the normal equation against batch, mini-batch and
 * online gradient descent on noisy points of a line (the feature standardised first). Each
 * descent must end within its stated distance of the normal equation's weights: the batch one
 * converges exactly, the noisy ones only as close as their decaying step allows.
 */
public final class LinearRegressionExample implements Example {
    /** Default epochs. */
    public static final int EPOCHS = 100;
    /** Points. */
    public static final int POINTS = 100;
    /** The true line and noise: y = SLOPE x + INTERCEPT + N(0, NOISE²), x uniform in [0, 10). */
    public static final double SLOPE = 1.5;
    /** Intercept of the true line. */
    public static final double INTERCEPT = 4.0;
    /** Standard deviation of the noise. */
    public static final double NOISE = 1.5;
    /** The three descents: name, batch size (0 = all), learning rate, decay, tolerance on the weights. */
    static final List<Variant> VARIANTS = List.of(
            new Variant("batch", 0, 0.1, 0.0, 1e-4),
            new Variant("mini-batch", 10, 0.05, 0.05, 2e-2),
            new Variant("online", 1, 0.01, 0.05, 3e-2));

    /**
     * One flavour of gradient descent.
     *
     * @param name      its name
     * @param batch     rows per step (0 for all of them)
     * @param lr        initial learning rate
     * @param decay     the rate at epoch e is {@code lr / (1 + decay e)}
     * @param tolerance how close to the normal equation's weights it must end (largest absolute difference)
     */
    record Variant(String name, int batch, double lr, double decay, double tolerance) {
    }

    @Override
    public String name() {
        return "linear-regression";
    }

    @Override
    public String summary() {
        return "slides: linear regression, normal equation vs batch, mini-batch and online gradient descent";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 10_000) {
            throw new ConfigException("--epochs must be in [1, 10000], got " + epochs);
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Data d = data(options.seed());
            double[] exact = LinearRegression.normalEquation(d.z(), d.y());
            double bestMse = LinearRegression.mse(d.z(), d.y(), exact);
            out.printf(Locale.ROOT, "Linear regression: %d points of y = %.1f x + %.1f + noise (sd %.1f), x uniform in"
                    + " [0, 10) standardised (mean %.3f, sd %.3f); seed %d, backend %s%n", POINTS, SLOPE, INTERCEPT,
                    NOISE, d.mean(), d.sd(), options.seed(), Backends.current().name());
            out.printf(Locale.ROOT, "%-16s  slope %.4f  intercept %.4f  MSE %.5f  (weights on the standardised"
                    + " feature: %.5f, %.5f)%n", "normal equation", exact[0] / d.sd(),
                    exact[1] - exact[0] * d.mean() / d.sd(), bestMse, exact[0], exact[1]);
            SplittableRandom rng = new SplittableRandom(options.seed());
            Map<String, Fit> fits = new LinkedHashMap<>();
            Map<String, Object> descents = new LinkedHashMap<>();
            for (Variant v : VARIANTS) {
                int batch = v.batch() == 0 ? POINTS : v.batch();
                Fit f = LinearRegression.gradientDescent(d.z(), d.y(), batch, epochs, v.lr(), v.decay(), rng);
                fits.put(v.name(), f);
                double dist = f.distance(exact);
                out.printf(Locale.ROOT, "%-16s  slope %.4f  intercept %.4f  MSE %.5f  distance to the normal"
                        + " equation %.1e (tolerance %.0e: %s)%n", v.name() + " GD", f.weights()[0] / d.sd(),
                        f.weights()[1] - f.weights()[0] * d.mean() / d.sd(), f.losses().get(epochs - 1), dist,
                        v.tolerance(), dist <= v.tolerance() ? "within" : "NOT within");
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("batch_size", batch);
                s.put("learning_rate", v.lr());
                s.put("decay", v.decay());
                s.put("weights", List.of(f.weights()[0], f.weights()[1]));
                s.put("final_mse", f.losses().get(epochs - 1));
                s.put("distance", dist);
                s.put("tolerance", v.tolerance());
                s.put("within_tolerance", dist <= v.tolerance());
                descents.put(v.name(), s);
            }
            writeFit(options, d, exact, fits);
            writeLoss(options, d, exact, fits, epochs);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("example", name());
            summary.put("backend", Backends.current().name());
            summary.put("epochs", epochs);
            summary.put("seed", options.seed());
            summary.put("points", POINTS);
            summary.put("normal_equation_weights", List.of(exact[0], exact[1]));
            summary.put("normal_equation_mse", bestMse);
            summary.put("slope", exact[0] / d.sd());
            summary.put("intercept", exact[1] - exact[0] * d.mean() / d.sd());
            summary.put("gradient_descent", descents);
            summary.put("out", options.out().toString());
            RunFiles.writeSummary(options.out(), Json.write(summary));
            out.println("Wrote " + options.out() + "/summary.json, fit.png, loss.png");
            return summary;
        }
    }

    /**
     * The data set: raw feature, standardised feature, target.
     *
     * @param x    the feature, {@code [n, 1]}
     * @param z    the standardised feature, {@code [n, 1]}
     * @param y    the target, {@code [n]}
     * @param mean the feature's mean
     * @param sd   the feature's standard deviation (population)
     */
    record Data(Tensor x, Tensor z, Tensor y, double mean, double sd) {
        /** The data set of feature {@code x} ({@code [n, 1]}) and target {@code y}, the feature standardised. */
        static Data of(Tensor x, Tensor y) {
            double mean = x.mean().item();
            double sd = x.sub(mean).square().mean().sqrt().item();
            return new Data(x, x.sub(mean).div(sd), y, mean, sd);
        }

        /** Weights on the standardised feature as (slope, intercept) in the feature's own units. */
        double[] original(double[] w) {
            return new double[] {w[0] / sd, w[1] - w[0] * mean / sd};
        }
    }

    /** {@link #POINTS} noisy points of the line from {@code seed}, on the current backend. */
    static Data data(long seed) {
        Generator gen = new Generator(seed);
        Tensor x = Tensor.uniform(gen, Shape.of(POINTS, 1), DType.F32, 0, 10);
        Tensor noise = Tensor.normal(gen, Shape.of(POINTS), DType.F32, 0, NOISE);
        return Data.of(x, x.squeeze(1).mul(SLOPE).add(INTERCEPT).add(noise));
    }

    private static void writeFit(ExampleOptions options, Data d, double[] exact, Map<String, Fit> fits)
            throws IOException {
        double[] x = d.x().to(DType.F64).toDoubleArray();
        double[] y = d.y().to(DType.F64).toDoubleArray();
        List<Series> series = new ArrayList<>();
        series.add(new Series("data", x, y, Style.POINTS, new Color(0x99, 0x99, 0x99)));
        double[] ends = {0, 10};
        series.add(new Series("normal equation", ends, line(exact, d, ends), Style.LINE, Color.BLACK));
        Color[] colors = {new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28)};
        int i = 0;
        for (Map.Entry<String, Fit> e : fits.entrySet()) {
            series.add(new Series(e.getKey() + " GD", ends, line(e.getValue().weights(), d, ends), Style.DASHED,
                    colors[i++ % colors.length]));
        }
        XYChart chart = Charts.xy("Linear regression: the four fits (they coincide)", "x", "y", series, 800, 500);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Charts.save(options.out().resolve("fit.png"), chart);
    }

    private static double[] line(double[] w, Data d, double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = w[0] * (xs[i] - d.mean()) / d.sd() + w[1];
        }
        return out;
    }

    /**
     * The excess MSE over the minimum, computed exactly from the weights as
     * {@code (w − w*)ᵀ (AᵀA/n) (w − w*)} with {@code A = [z 1]} (a difference of two float MSEs
     * would drown in rounding near the minimum).
     */
    private static void writeLoss(ExampleOptions options, Data d, double[] exact, Map<String, Fit> fits, int epochs)
            throws IOException {
        List<Series> series = new ArrayList<>();
        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
        }
        double best = LinearRegression.mse(d.z(), d.y(), exact);
        double[] z = d.z().to(DType.F64).toDoubleArray();
        double szz = 0;
        double sz = 0;
        for (double v : z) {
            szz += v * v;
            sz += v;
        }
        double[][] gram = {{szz / z.length, sz / z.length}, {sz / z.length, 1}};     // [z 1]ᵀ[z 1] / n
        Color[] colors = {new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28)};
        int i = 0;
        for (Map.Entry<String, Fit> e : fits.entrySet()) {
            double[] excess = new double[epochs];
            for (int k = 0; k < epochs; k++) {
                double[] w = e.getValue().path().get(k);
                double a = w[0] - exact[0];
                double b = w[1] - exact[1];
                excess[k] = Math.max(1e-12, a * a * gram[0][0] + 2 * a * b * gram[0][1] + b * b * gram[1][1]);
            }
            series.add(new Series(e.getKey() + " GD", epochAxis, excess, Style.LINE, colors[i++ % colors.length]));
        }
        XYChart chart = Charts.xy("Linear regression: MSE above the normal equation's (" + String.format(Locale.ROOT,
                "%.4f", best) + ")", "epoch", "MSE \u2212 minimum MSE (log scale, floor 1e-12)", series, 800, 500);
        chart.getStyler().setYAxisLogarithmic(true);
        Charts.save(options.out().resolve("loss.png"), chart);
    }
}
