package dev.sinapsis.examples.som;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Kohonen map's errors and their fall during training, on every backend present. */
class SelfOrganizingMapTest {
    static List<String> backends() {
        return ExampleBackends.names();
    }

    /**
     * The errors on hand-made 1x3 maps of one-dimensional prototypes: an ordered map (0, 1, 2) has no
     * topographic error; swapping two prototypes (0, 2, 1) puts the two best units of an input near 0
     * two columns apart. The quantisation error is the mean distance to the nearest prototype.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void errorsOfHandMadeMaps(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(new float[] {0.25f, 0.5f, 1.75f}, 3, 1);
            SelfOrganizingMap ordered = new SelfOrganizingMap(1, 3, Tensor.of(new float[] {0, 1, 2}, 3, 1));
            SelfOrganizingMap.Errors e = ordered.errors(x);
            assertEquals((0.25 + 0.5 + 0.25) / 3, e.quantisation(), 1e-6);
            assertEquals(0, e.topographic(), 0);
            SelfOrganizingMap twisted = new SelfOrganizingMap(1, 3, Tensor.of(new float[] {0, 2, 1}, 3, 1));
            // 0.25 and 0.5: best unit 0 (value 0), second unit 2 (value 1): two columns apart;
            // 1.75: best unit 1 (value 2), second unit 2 (value 1): neighbours
            assertEquals(2 / 3.0, twisted.errors(x).topographic(), 1e-6);
        }
    }

    /** One Kohonen step with a tiny neighbourhood moves only the winner, by lr times its distance to the input. */
    @ParameterizedTest
    @MethodSource("backends")
    void stepMovesTheWinnerTowardsTheInput(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            SelfOrganizingMap map = new SelfOrganizingMap(1, 3, Tensor.of(new float[] {0, 1, 2}, 3, 1));
            map.step(Tensor.of(new float[] {1.5f}, 1, 1), 0.5, 0.05);
            float[] w = map.weights().toFloatArray();
            assertEquals(0, w[0], 1e-6);
            assertEquals(1.25, w[1], 1e-6);            // 1 + 0.5 * (1.5 - 1)
            assertEquals(2, w[2], 1e-6);
        }
    }

    /** On colours both errors fall during training, from an unordered start; the quantisation error at every epoch. */
    @ParameterizedTest
    @MethodSource("backends")
    void errorsFallOnColours(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            SplittableRandom rng = new SplittableRandom(1);
            float[] colours = new float[300 * 3];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = (float) rng.nextDouble();
            }
            Tensor data = Tensor.of(colours, 300, 3);
            SelfOrganizingMap map = new SelfOrganizingMap(8, 8, SomExample.initial(data, 8, new Generator(1)));
            List<SelfOrganizingMap.Errors> h = new SomTraining(4, 30, 0.5, 0.05, 4, 0.7).train(map, data, rng, e -> { });
            assertFalls(h, "colours " + backend);
        }
    }

    /** On MNIST digits both errors fall during training. */
    @ParameterizedTest
    @MethodSource("backends")
    void errorsFallOnMnist(String backend) {
        MnistSubset digits = MnistSubset.embedded(true, 320);
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            Tensor data = digits.tensor();
            SelfOrganizingMap map = new SelfOrganizingMap(6, 6, SomExample.initial(data, 6, new Generator(2)));
            List<SelfOrganizingMap.Errors> h = new SomTraining(2, 32, 0.5, 0.05, 3, 0.7)
                    .train(map, data, new SplittableRandom(2), e -> { });
            assertFalls(h, "MNIST " + backend);
        }
    }

    private static void assertFalls(List<SelfOrganizingMap.Errors> h, String what) {
        System.out.println("SelfOrganizingMapTest " + what + ": " + h);
        SelfOrganizingMap.Errors first = h.get(0);
        SelfOrganizingMap.Errors last = h.get(h.size() - 1);
        assertTrue(first.topographic() > 0.5, what + ": an unordered map should have a large topographic error: " + first);
        assertTrue(last.topographic() < first.topographic() / 4, what + ": topographic error " + first + " -> " + last);
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).quantisation() < h.get(i - 1).quantisation(), what + ": quantisation error rose: " + h);
        }
        assertTrue(last.quantisation() < 0.95 * first.quantisation(), what + ": quantisation error " + first + " -> " + last);
    }
}
