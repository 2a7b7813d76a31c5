package dev.sinapsis.examples.evolution;

import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
import dev.sinapsis.models.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run neuroevolution}: a {@link GeneticAlgorithm} evolves the weights of a
 * {@link PolicyNetwork} that balances the {@link CartPole}. An individual's fitness is the mean
 * fraction of {@value #MAX_STEPS} steps it balances from {@value #TRAIN_STARTS} training start states;
 * the fittest policy is then tested from {@value #TEST_STARTS} start states it never saw.
 * {@code --epochs} sets the generations.
 */
public final class NeuroevolutionExample implements Example {
    /** Steps of a full episode (10 s of simulated time). */
    public static final int MAX_STEPS = 500;
    /** Start states an individual is evaluated from. */
    public static final int TRAIN_STARTS = 32;
    /** Unseen start states the winner is tested from. */
    public static final int TEST_STARTS = 100;
    /**
     * Start states are uniform in +-0.5 m, +-0.5 m/s, +-0.1 rad (5.7 degrees), +-0.5 rad/s: ten times
     * the classic benchmark's +-0.05, from where a random network often balances already.
     */
    public static final CartPole SPREAD = new CartPole(0.5, 0.5, 0.1, 0.5);
    /** Hidden units of the policy. */
    public static final int HIDDEN = 4;
    /** The default settings: population 100, 30 generations, 2 elites, tournaments of 3. */
    public static final GaConfig CONFIG = new GaConfig(100, 30, 2, 3, 0.9, 0.5, 0.2, 0.5, 0.97, -5, 5);

    @Override
    public String name() {
        return "neuroevolution";
    }

    @Override
    public String summary() {
        return "ch. 8: neuroevolution of a 4-" + HIDDEN + "-1 policy network that balances the cart-pole (Barto,"
                + " Sutton & Anderson 1983)";
    }

    @Override
    public boolean usesTensors() {
        return false;
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int generations = options.epochsOr(CONFIG.generations());
        if (generations < 1 || generations > 10_000) {
            throw new ConfigException("--epochs (generations) must be in [1, 10000], got " + generations);
        }
        GaConfig config = CONFIG.withGenerations(generations);
        long start = System.nanoTime();
        SplittableRandom starts = new SplittableRandom(options.seed()).split();
        List<CartPole> train = new ArrayList<>();
        for (int i = 0; i < TRAIN_STARTS; i++) {
            train.add(CartPole.randomStart(starts, SPREAD));
        }
        List<CartPole> test = unseenStarts(options.seed());
        out.printf(Locale.ROOT, "Neuroevolution on the cart-pole: a 4-%d-1 tanh policy (%d weights) evolved by a genetic"
                        + " algorithm, population %d, %d generations; fitness = mean fraction of %d steps balanced"
                        + " from %d start states (uniform in +-%.1f m, +-%.1f m/s, +-%.1f rad, +-%.1f rad/s); seed %d%n", HIDDEN, PolicyNetwork.genes(HIDDEN), config.population(),
                generations, MAX_STEPS, TRAIN_STARTS, SPREAD.x(), SPREAD.xDot(), SPREAD.theta(), SPREAD.thetaDot(),
                options.seed());
        GeneticAlgorithm ga = new GeneticAlgorithm(config, PolicyNetwork.genes(HIDDEN), w -> fitness(w, train));
        GeneticAlgorithm.Result result = ga.run(options.seed(), g -> out.printf(Locale.ROOT,
                "generation %3d  best %.3f  mean %.3f%n", g.index() + 1, g.best(), g.mean()));
        PolicyNetwork winner = new PolicyNetwork(HIDDEN, result.best());
        int balanced = balanced(winner, test);
        int minSteps = test.stream().mapToInt(s -> CartPole.balance(s, winner, MAX_STEPS)).min().orElseThrow();
        GeneticAlgorithm.Generation first = result.history().get(0);
        int firstBalanced = balanced(new PolicyNetwork(HIDDEN, first.bestGenome()), test);
        out.printf(Locale.ROOT, "%nThe fittest policy (training fitness %.3f) balances the pole for all %d steps from"
                + " %d of %d unseen start states (fewest steps: %d);%nthe first generation's fittest (training"
                + " fitness %.3f) from %d of them%n", result.bestFitness(), MAX_STEPS, balanced, TEST_STARTS, minSteps,
                first.best(), firstBalanced);
        List<Series> curves = List.of(
                Series.indexed("best individual", result.history().stream().map(GeneticAlgorithm.Generation::best).toList()),
                Series.indexed("population mean", result.history().stream().map(GeneticAlgorithm.Generation::mean).toList()));
        ExamplePictures.xyChart(options.out().resolve("fitness.png"),
                "neuroevolution: cart-pole fitness per generation", "generation",
                "fitness (mean fraction of " + MAX_STEPS + " steps balanced)", curves);
        ExampleSummary summary = new ExampleSummary(name(), options, null)
                .put("hidden", HIDDEN).put("weights", PolicyNetwork.genes(HIDDEN)).put("population", config.population())
                .put("generations", generations).put("train_starts", TRAIN_STARTS)
                .round("best_fitness", result.bestFitness())
                .put("test_starts", TEST_STARTS).put("test_balanced_500", balanced).put("test_min_steps", minSteps)
                .round("first_generation_best_fitness", first.best())
                .put("first_generation_test_balanced_500", firstBalanced);
        return summary.write(options, start, List.of("fitness.png"), out);
    }

    /** The unseen start states for {@code seed}: drawn from a stream the training starts never use. */
    static List<CartPole> unseenStarts(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x7E57_57A7_E5L);
        List<CartPole> test = new ArrayList<>();
        for (int i = 0; i < TEST_STARTS; i++) {
            test.add(CartPole.randomStart(rng, SPREAD));
        }
        return test;
    }

    /** How many of {@code starts} the policy balances for {@link #MAX_STEPS} steps. */
    static int balanced(PolicyNetwork policy, List<CartPole> starts) {
        return (int) starts.stream().filter(s -> CartPole.balance(s, policy, MAX_STEPS) == MAX_STEPS).count();
    }

    /** The mean fraction of {@link #MAX_STEPS} the policy with {@code weights} balances from {@code starts}. */
    static double fitness(double[] weights, List<CartPole> starts) {
        PolicyNetwork policy = new PolicyNetwork(HIDDEN, weights);
        double sum = 0;
        for (CartPole s : starts) {
            sum += CartPole.balance(s, policy, MAX_STEPS);
        }
        return sum / (starts.size() * (double) MAX_STEPS);
    }
}
