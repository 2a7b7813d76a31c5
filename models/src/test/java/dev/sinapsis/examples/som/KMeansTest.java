package dev.sinapsis.examples.som;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** k-means with k-means++ seeding, on every backend present. */
class KMeansTest {
    static List<String> backends() {
        return ExampleBackends.names();
    }

    /** Three well-separated groups on a line: every seed lands in a different group and Lloyd finds their means. */
    @ParameterizedTest
    @MethodSource("backends")
    void findsWellSeparatedClusters(String backend) {
        float[] x = {0, 1, 2, 10, 11, 12, 13, 50, 52};
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            for (long seed = 0; seed < 5; seed++) {
                KMeans.Result r = KMeans.fit(Tensor.of(x, 9, 1), 3, 10, new SplittableRandom(seed));
                float[] c = r.centres().clone();
                Arrays.sort(c);
                assertArrayEquals(new float[] {1, 11.5f, 51}, c, 1e-4f, "seed " + seed);
                assertTrue(r.converged());
                assertEquals(2 + 5 + 2, r.inertia().get(r.inertia().size() - 1), 1e-2);
            }
        }
    }

    /**
     * On 600 MNIST digits: the inertia never increases over Lloyd's iterations (up to float rounding),
     * and the clusters' purity is far above chance (about 0.11 for ten balanced classes).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void inertiaNeverIncreasesAndPurityIsFarAboveChance(String backend) {
        MnistSubset digits = MnistSubset.embedded(true, 600);
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            KMeans.Result r = KMeans.fit(digits.tensor(), 10, 12, new SplittableRandom(42));
            System.out.println("KMeansTest " + backend + ": " + r.iterations() + " iterations, inertia " + r.inertia());
            for (int i = 1; i < r.inertia().size(); i++) {
                assertTrue(r.inertia().get(i) <= r.inertia().get(i - 1) * (1 + 1e-6),
                        "inertia rose at iteration " + i + ": " + r.inertia());
            }
            assertTrue(r.inertia().get(r.inertia().size() - 1) < 0.8 * r.inertia().get(0), r.inertia()::toString);
            double purity = Clusters.purity(r.assignment(), digits.labels(), 10);
            assertTrue(purity > 0.45, "purity " + purity);
        }
    }

    @Test
    void purityCountsEachClustersMajority() {
        long[] clusters = {0, 0, 0, 1, 1, 2};
        int[] labels = {3, 3, 5, 7, 7, 1};
        assertEquals(5 / 6.0, Clusters.purity(clusters, labels, 3), 1e-12);
    }
}
