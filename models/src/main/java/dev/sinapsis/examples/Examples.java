package dev.sinapsis.examples;

import dev.sinapsis.examples.conjugation.ConjugationExample;
import dev.sinapsis.examples.familytree.FamilyTreeExample;
import dev.sinapsis.examples.neuron.HodgkinHuxleyExample;
import dev.sinapsis.examples.perceptron.PerceptronExample;
import dev.sinapsis.examples.regression.LinearRegressionExample;
import dev.sinapsis.examples.regression.LogisticRegressionExample;
import dev.sinapsis.examples.tagging.TaggerExample;
import dev.sinapsis.examples.xor.XorExample;
import java.util.List;
import java.util.Optional;

/** The examples of {@code sinapsis run}, in the order of the course. */
public final class Examples {
    private static final List<Example> ALL = List.of(
            new HodgkinHuxleyExample(),
            new PerceptronExample(),
            new XorExample(),
            new LinearRegressionExample(),
            new LogisticRegressionExample(),
            new FamilyTreeExample(),
            new TaggerExample(),
            new ConjugationExample());

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
