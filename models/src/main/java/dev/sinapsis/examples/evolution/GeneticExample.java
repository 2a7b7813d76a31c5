package dev.sinapsis.examples.evolution;

import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
import dev.sinapsis.models.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sinapsis run genetic}: a {@link GeneticAlgorithm} minimises the {@link Rastrigin} function in
 * {@value #DIMENSIONS} dimensions (fitness = minus the function) and reports how close the fittest
 * individual came to the global optimum at the origin. {@code --epochs} sets the generations.
 */
public final class GeneticExample implements Example {
    /** Dimensions of the search space. */
    public static final int DIMENSIONS = 10;
    /**
     * The default settings: population 1,000, 500 generations, 2 elites, binary tournaments, BLX-0.5
     * crossover at 0.9, mutation of 10% of the genes by N(0, 0.5) shrinking 2% per generation.
     */
    public static final GaConfig CONFIG = new GaConfig(1000, 500, 2, 2, 0.9, 0.5, 0.1, 0.5, 0.98, -Rastrigin.BOUND,
            Rastrigin.BOUND);
    /** The value below which the optimum counts as found: every other local minimum is above 0.99. */
    public static final double FOUND = 1e-3;

    @Override
    public String name() {
        return "genetic";
    }

    @Override
    public String summary() {
        return "ch. 8: a genetic algorithm (tournament selection, blend crossover, mutation, elitism) on the 10-D Rastrigin function";
    }

    @Override
    public boolean usesTensors() {
        return false;
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int generations = options.epochsOr(CONFIG.generations());
        if (generations < 1 || generations > 100_000) {
            throw new ConfigException("--epochs (generations) must be in [1, 100000], got " + generations);
        }
        GaConfig config = CONFIG.withGenerations(generations);
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "Genetic algorithm on the %d-D Rastrigin function (global minimum 0 at the origin):"
                        + " population %d, %d generations, %d elites, tournament %d, crossover BLX-%.1f at %.2f,"
                        + " mutation rate %.2f sigma %.2f x %.3f per generation, seed %d%n", DIMENSIONS,
                config.population(), generations, config.elites(), config.tournament(), config.blendAlpha(),
                config.crossoverRate(), config.mutationRate(), config.mutationSigma(), config.sigmaDecay(),
                options.seed());
        GeneticAlgorithm ga = new GeneticAlgorithm(config, DIMENSIONS, x -> -Rastrigin.value(x));
        int every = Math.max(1, generations / 10);
        GeneticAlgorithm.Result result = ga.run(options.seed(), g -> {
            if (g.index() % every == 0 || g.index() == generations - 1) {
                out.printf(Locale.ROOT, "generation %4d  best f %.6g  mean f %.4g%n", g.index() + 1, -g.best(), -g.mean());
            }
        });
        double best = -result.bestFitness();
        double distance = 0;
        for (double v : result.best()) {
            distance = Math.max(distance, Math.abs(v));
        }
        boolean found = best < FOUND;
        out.printf(Locale.ROOT, "%nBest f = %.3g at max |x_i| = %.3g after %d evaluations: %s%n", best, distance,
                (long) generations * config.population(),
                found ? "the global optimum (every other local minimum has f > 0.99)" : "not the global optimum");
        int n = result.history().size();
        double[] gens = new double[n];
        double[] bestCurve = new double[n];
        double[] meanCurve = new double[n];
        for (int i = 0; i < n; i++) {
            gens[i] = i + 1;
            bestCurve[i] = Math.max(1e-12, -result.history().get(i).best());
            meanCurve[i] = Math.max(1e-12, -result.history().get(i).mean());
        }
        ExamplePictures.xyChart(options.out().resolve("fitness.png"),
                "genetic algorithm: Rastrigin " + DIMENSIONS + "-D, f per generation (lower is fitter)", "generation",
                "f(x) = -fitness (log scale)",
                List.of(new Series("best individual", gens, bestCurve), new Series("population mean", gens, meanCurve)),
                true);
        ExampleSummary summary = new ExampleSummary(name(), options, null)
                .put("function", "rastrigin").put("dimensions", DIMENSIONS).put("population", config.population())
                .put("generations", generations).put("evaluations", (long) generations * config.population())
                .put("best_value", best).put("best_max_abs_coordinate", distance).put("found_global_optimum", found)
                .round("initial_best_value", -result.history().get(0).best())
                .round("final_mean_value", -result.history().get(n - 1).mean());
        return summary.write(options, start, List.of("fitness.png"), out);
    }
}
