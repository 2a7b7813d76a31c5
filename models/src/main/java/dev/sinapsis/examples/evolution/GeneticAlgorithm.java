package dev.sinapsis.examples.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A real-coded genetic algorithm that maximises a fitness function over vectors of genes in a box.
 *
 * <p>Each generation: every individual is evaluated; the {@code elites} fittest pass unchanged;
 * the rest of the next generation are children of two parents chosen by tournament selection,
 * recombined by blend crossover (BLX-alpha) with probability {@code crossoverRate}, then mutated
 * gene by gene (Gaussian noise whose standard deviation decays geometrically) and clamped to the
 * box. Same seed, same run: the fitness function must be deterministic (it is evaluated in
 * parallel, so it must also be thread-safe).
 */
public final class GeneticAlgorithm {
    private final GaConfig config;
    private final int genes;
    private final ToDoubleFunction<double[]> fitness;

    /**
     * @param config  the settings
     * @param genes   genes per individual
     * @param fitness the function to maximise (deterministic and thread-safe)
     */
    public GeneticAlgorithm(GaConfig config, int genes, ToDoubleFunction<double[]> fitness) {
        if (genes < 1) {
            throw new IllegalArgumentException("genetic algorithm: genes must be at least 1, got " + genes);
        }
        this.config = config;
        this.genes = genes;
        this.fitness = fitness;
    }

    /** The figures of one generation (after its evaluation). */
    public record Generation(int index, double best, double mean, double worst, double[] bestGenome) {
    }

    /** Something told of every generation as it is evaluated (for progress lines). */
    @FunctionalInterface
    public interface Listener {
        /** Called after generation {@code g} was evaluated. */
        void generation(Generation g);
    }

    /** The fittest individual ever seen and the history of every generation. */
    public record Result(double[] best, double bestFitness, List<Generation> history) {
    }

    /** Runs {@code config.generations()} generations from a population drawn uniformly in the box. */
    public Result run(long seed, Listener listener) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = config.population();
        double[][] pop = new double[n][genes];
        for (double[] ind : pop) {
            for (int j = 0; j < genes; j++) {
                ind[j] = config.lower() + (config.upper() - config.lower()) * rng.nextDouble();
            }
        }
        List<Generation> history = new ArrayList<>();
        double[] best = null;
        double bestFitness = Double.NEGATIVE_INFINITY;
        double sigma = config.mutationSigma();
        for (int g = 0; g < config.generations(); g++) {
            double[][] current = pop;
            double[] fit = IntStream.range(0, n).parallel().mapToDouble(i -> fitness.applyAsDouble(current[i])).toArray();
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> fit[i]).reversed());   // stable: ties by index
            double mean = Arrays.stream(fit).average().orElseThrow();
            if (fit[order[0]] > bestFitness) {
                bestFitness = fit[order[0]];
                best = pop[order[0]].clone();
            }
            Generation gen = new Generation(g, fit[order[0]], mean, fit[order[n - 1]], pop[order[0]].clone());
            history.add(gen);
            listener.generation(gen);
            if (g == config.generations() - 1) {
                break;
            }
            double[][] next = new double[n][];
            for (int e = 0; e < config.elites(); e++) {
                next[e] = pop[order[e]].clone();
            }
            for (int i = config.elites(); i < n; i++) {
                double[] a = pop[select(fit, rng)];
                double[] b = pop[select(fit, rng)];
                double[] child = rng.nextDouble() < config.crossoverRate() ? blend(a, b, rng) : a.clone();
                mutate(child, sigma, rng);
                next[i] = child;
            }
            pop = next;
            sigma *= config.sigmaDecay();
        }
        return new Result(best, bestFitness, List.copyOf(history));
    }

    /** Tournament selection: the fittest of {@code tournament} individuals drawn with replacement. */
    int select(double[] fit, SplittableRandom rng) {
        int winner = rng.nextInt(fit.length);
        for (int k = 1; k < config.tournament(); k++) {
            int c = rng.nextInt(fit.length);
            if (fit[c] > fit[winner]) {
                winner = c;
            }
        }
        return winner;
    }

    /** BLX-alpha: each gene uniform in [min - alpha d, max + alpha d], d = |a - b|. */
    double[] blend(double[] a, double[] b, SplittableRandom rng) {
        double[] child = new double[genes];
        for (int j = 0; j < genes; j++) {
            double lo = Math.min(a[j], b[j]);
            double hi = Math.max(a[j], b[j]);
            double d = hi - lo;
            child[j] = clamp(lo - config.blendAlpha() * d + (1 + 2 * config.blendAlpha()) * d * rng.nextDouble());
        }
        return child;
    }

    private void mutate(double[] child, double sigma, SplittableRandom rng) {
        for (int j = 0; j < genes; j++) {
            if (rng.nextDouble() < config.mutationRate()) {
                child[j] = clamp(child[j] + sigma * gaussian(rng));
            }
        }
    }

    private double clamp(double v) {
        return Math.max(config.lower(), Math.min(config.upper(), v));
    }

    /** A standard normal deviate (Box-Muller), from {@code rng} only, so runs are reproducible. */
    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
