package dev.sinapsis.examples.familytree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The family-tree network's defining property at the example's defaults, and its training on every backend. */
class FamilyTreeNetworkTest {
    private static final FamilyTrees DATA = FamilyTrees.load();

    /**
     * From the default seed: every training query answered exactly, and the person codes separate
     * the two families (the perceptron probe), which the untrained codes do not.
     */
    @Test
    void learnsEveryTrainingQueryAndCodesTheFamilies() {
        try (var b = Backends.using(ExampleBackends.get("cpu")); MemoryScope scope = MemoryScope.open()) {
            Split split = Split.of(DATA, FamilyTreeExample.HELD_OUT, 42);
            FamilyTreeNetwork net = new FamilyTreeNetwork(24, 12, new Generator(42));
            Probe before = Probe.of(FamilyTreeExample.codes(net), DATA.english());
            FamilyTreeExample.train(net, DATA, split, FamilyTreeExample.EPOCHS, null);
            Evaluation train = Evaluation.of(net, DATA, split.train());
            Evaluation test = Evaluation.of(net, DATA, split.test());
            System.out.println("FamilyTreeNetworkTest: held out " + test.correct() + "/" + test.total() + " " + test.lines());
            assertEquals(100, train.total());
            assertEquals(100, train.correct(), () -> String.join("\n", train.lines()));
            Probe after = Probe.of(FamilyTreeExample.codes(net), DATA.english());
            assertTrue(after.perceptronEpoch() > 0, after.describe());
            assertEquals(0, before.perceptronEpoch(), before.describe());
        }
    }

    /** A short training gives the same losses on every backend (same seed, same numbers) and learns. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void trainsTheSameOnEveryBackend(String backend) {
        List<Double> reference = shortRun("cpu");
        List<Double> losses = shortRun(backend);
        for (int i = 0; i < losses.size(); i++) {
            assertEquals(reference.get(i), losses.get(i), 1e-3 * reference.get(i), "epoch " + (i + 1));
        }
        assertTrue(losses.get(losses.size() - 1) < 0.7 * losses.get(0), losses.toString());
    }

    private static List<Double> shortRun(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            Split split = Split.of(DATA, FamilyTreeExample.HELD_OUT, 7);
            FamilyTreeNetwork net = new FamilyTreeNetwork(24, 12, new Generator(7));
            return FamilyTreeExample.train(net, DATA, split, 60, null).train();
        }
    }
}
