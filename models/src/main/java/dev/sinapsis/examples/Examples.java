package dev.sinapsis.examples;

import dev.sinapsis.examples.conjugation.ConjugationExample;
import dev.sinapsis.examples.evolution.GeneticExample;
import dev.sinapsis.examples.evolution.NeuroevolutionExample;
import dev.sinapsis.examples.familytree.FamilyTreeExample;
import dev.sinapsis.examples.hopfield.HopfieldExample;
import dev.sinapsis.examples.neuron.HodgkinHuxleyExample;
import dev.sinapsis.examples.perceptron.PerceptronExample;
import dev.sinapsis.examples.rbm.RbmExample;
import dev.sinapsis.examples.regression.LinearRegressionExample;
import dev.sinapsis.examples.regression.LogisticRegressionExample;
import dev.sinapsis.examples.som.KMeansExample;
import dev.sinapsis.examples.som.SomExample;
import dev.sinapsis.examples.tagging.TaggerExample;
import dev.sinapsis.examples.xor.XorExample;
import java.util.List;
import java.util.Optional;

/** The examples of {@code sinapsis run}, in the order of the course. */
public final class Examples {
    private static final List<Example> ALL = List.of(
            new HodgkinHuxleyExample(),       // ch. 2 and appendix A
            new PerceptronExample(),          // ch. 3
            new XorExample(),                 // ch. 4-5
            new LinearRegressionExample(),    // the seeds' slides
            new LogisticRegressionExample(),  // the seeds' slides
            new FamilyTreeExample(),          // ch. 7
            new GeneticExample(),             // ch. 8
            new NeuroevolutionExample(),      // ch. 8
            new SomExample(),                 // ch. 9
            new KMeansExample(),              // ch. 9
            new TaggerExample(),              // ch. 15
            new ConjugationExample(),         // ch. 15
            new HopfieldExample(),            // ch. 16
            new RbmExample());                // ch. 17

    private Examples() {
    }

    /** Every example. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example called {@code name}. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
