package dev.sinapsis.examples.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The genetic algorithm: its defining property on Rastrigin, elitism, selection, crossover, determinism. */
class GeneticAlgorithmTest {
    /** The example's settings find the global optimum of the 10-D Rastrigin function (every other minimum has f > 0.99). */
    @Test
    void findsTheGlobalOptimumOfRastrigin() {
        GeneticAlgorithm ga = new GeneticAlgorithm(GeneticExample.CONFIG, GeneticExample.DIMENSIONS,
                x -> -Rastrigin.value(x));
        GeneticAlgorithm.Result r = ga.run(42, g -> { });
        assertTrue(-r.bestFitness() < GeneticExample.FOUND, "best f = " + -r.bestFitness());
        for (double v : r.best()) {
            assertTrue(Math.abs(v) < 0.01, "coordinate " + v + " is not at the optimum 0");
        }
        assertTrue(-r.history().get(0).best() > 10, "the random first generation should be far from the optimum");
    }

    /** With elites the best fitness never falls from one generation to the next. */
    @Test
    void elitismKeepsTheBest() {
        GaConfig config = new GaConfig(30, 40, 1, 2, 0.9, 0.5, 0.5, 1.0, 1.0, -5.12, 5.12);
        List<GeneticAlgorithm.Generation> h = new GeneticAlgorithm(config, 4, x -> -Rastrigin.value(x)).run(1, g -> { })
                .history();
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).best() >= h.get(i - 1).best(), "generation " + i + ": " + h.get(i).best() + " < "
                    + h.get(i - 1).best());
        }
        assertTrue(h.get(h.size() - 1).best() > h.get(0).best(), "no progress in 40 generations");
    }

    /** Tournament selection of size 3 picks the fittest of three draws: the best individual most often. */
    @Test
    void tournamentSelectionFavoursTheFit() {
        GaConfig config = new GaConfig(10, 1, 0, 3, 0.9, 0.5, 0.1, 1.0, 1.0, 0, 1);
        GeneticAlgorithm ga = new GeneticAlgorithm(config, 1, x -> x[0]);
        double[] fit = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] wins = new int[10];
        SplittableRandom rng = new SplittableRandom(5);
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            wins[ga.select(fit, rng)]++;
        }
        // P(winner = i) = ((i + 1)^3 - i^3) / 1000: 0.271 for the fittest, 0.001 for the least fit
        assertEquals(0.271, wins[9] / (double) draws, 0.01);
        assertEquals(0.001, wins[0] / (double) draws, 0.001);
    }

    /** BLX-alpha children stay in the parents' interval widened by alpha times its width, and cover it. */
    @Test
    void blendCrossoverStaysInItsInterval() {
        GaConfig config = new GaConfig(10, 1, 0, 2, 1.0, 0.5, 0.1, 1.0, 1.0, -100, 100);
        GeneticAlgorithm ga = new GeneticAlgorithm(config, 1, x -> 0);
        SplittableRandom rng = new SplittableRandom(9);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 10_000; i++) {
            double c = ga.blend(new double[] {1}, new double[] {3}, rng)[0];
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        assertTrue(lo >= 0 && lo < 0.01 && hi <= 4 && hi > 3.99, "children in [" + lo + ", " + hi + "], expected [0, 4]");
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        GaConfig config = GeneticExample.CONFIG.withGenerations(20);
        GeneticAlgorithm ga = new GeneticAlgorithm(config, 5, x -> -Rastrigin.value(x));
        assertArrayEquals(ga.run(3, g -> { }).best(), ga.run(3, g -> { }).best());
        assertTrue(ga.run(3, g -> { }).bestFitness() != ga.run(4, g -> { }).bestFitness());
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaConfig(10, 5, 10, 2, 0.9, 0.5, 0.1, 1, 1, 0, 1));
        assertTrue(e.getMessage().contains("elites"), e.getMessage());
    }
}
