package dev.sinapsis.examples.evolution;

/**
 * The settings of a {@link GeneticAlgorithm}.
 *
 * @param population     individuals per generation
 * @param generations    generations to run
 * @param elites         best individuals copied unchanged into the next generation (elitism)
 * @param tournament     individuals drawn per tournament; the fittest of them is selected
 * @param crossoverRate  probability that two selected parents are recombined (otherwise the first is copied)
 * @param blendAlpha     BLX-alpha: a child's gene is uniform in the parents' interval widened by alpha times its width
 * @param mutationRate   probability that a gene is mutated
 * @param mutationSigma  standard deviation of a Gaussian mutation in the first generation
 * @param sigmaDecay     factor applied to the mutation's standard deviation every generation
 * @param lower          smallest gene value (genes are clamped to [lower, upper])
 * @param upper          largest gene value
 */
public record GaConfig(int population, int generations, int elites, int tournament, double crossoverRate,
                       double blendAlpha, double mutationRate, double mutationSigma, double sigmaDecay, double lower,
                       double upper) {
    /** Checks every setting. */
    public GaConfig {
        require(population >= 2, "population must be at least 2, got " + population);
        require(generations >= 1, "generations must be at least 1, got " + generations);
        require(elites >= 0 && elites < population, "elites must be in [0, population), got " + elites);
        require(tournament >= 1 && tournament <= population, "tournament must be in [1, population], got " + tournament);
        require(crossoverRate >= 0 && crossoverRate <= 1, "crossoverRate must be in [0, 1], got " + crossoverRate);
        require(blendAlpha >= 0, "blendAlpha must be >= 0, got " + blendAlpha);
        require(mutationRate >= 0 && mutationRate <= 1, "mutationRate must be in [0, 1], got " + mutationRate);
        require(mutationSigma >= 0 && sigmaDecay > 0 && sigmaDecay <= 1,
                "mutationSigma must be >= 0 and sigmaDecay in (0, 1], got " + mutationSigma + ", " + sigmaDecay);
        require(lower < upper, "lower must be below upper, got [" + lower + ", " + upper + "]");
    }

    /** The same settings with {@code n} generations. */
    public GaConfig withGenerations(int n) {
        return new GaConfig(population, n, elites, tournament, crossoverRate, blendAlpha, mutationRate, mutationSigma,
                sigmaDecay, lower, upper);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("genetic algorithm: " + message);
        }
    }
}
