package dev.sinapsis.examples.hopfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.examples.Shuffles;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Hopfield network's defining properties, on every backend present. */
class HopfieldNetworkTest {
    static List<String> backends() {
        return ExampleBackends.names();
    }

    /** Hebbian weights against a plain loop: W_ij = sum_p x_i x_j / N off the diagonal, 0 on it. */
    @ParameterizedTest
    @MethodSource("backends")
    void hebbianWeightsMatchTheRule(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            int n = 8;
            int p = 3;
            float[] patterns = Recall.randomPatterns(new SplittableRandom(3), p, n);
            float[] w = HopfieldNetwork.store(Tensor.of(patterns, 1, p, n)).weights().toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int k = 0; k < p; k++) {
                        expected += i == j ? 0 : patterns[k * n + i] * patterns[k * n + j] / (double) n;
                    }
                    assertEquals(expected, w[i * n + j], 1e-7, "W[" + i + "][" + j + "]");
                }
            }
        }
    }

    /**
     * Energy never increases under asynchronous updates: checked after every single-neuron update of
     * two networks of 64 neurons (a power of two, so F32 energies are exact) probed from states with
     * a quarter of their bits flipped; it must also fall somewhere, or the check would be vacuous.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void energyNeverIncreases(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            int n = 64;
            int p = 6;
            SplittableRandom rng = new SplittableRandom(11);
            float[] patterns = Recall.randomPatterns(rng, 2 * p, n);
            HopfieldNetwork net = HopfieldNetwork.store(Tensor.of(patterns, 2, p, n));
            Tensor states = Tensor.of(Recall.corrupt(patterns, n, 0.25, rng), 2, p, n);
            float[] energy = net.energy(states).toFloatArray();
            int falls = 0;
            for (int sweep = 0; sweep < 2; sweep++) {
                for (int i : Shuffles.permutation(n, rng)) {
                    try (MemoryScope step = MemoryScope.open()) {
                        net.update(states, i);
                        float[] next = net.energy(states).toFloatArray();
                        for (int k = 0; k < next.length; k++) {
                            assertTrue(next[k] <= energy[k], "energy rose from " + energy[k] + " to " + next[k]
                                    + " updating neuron " + i + " of state " + k);
                            falls += next[k] < energy[k] ? 1 : 0;
                        }
                        energy = next;
                    }
                }
            }
            assertTrue(falls >= 2 * p, "the energy fell only " + falls + " times");
        }
    }

    /** At load 0.05 (13 patterns, 256 neurons) every pattern is recalled from a copy with 15% of its bits flipped. */
    @ParameterizedTest
    @MethodSource("backends")
    void recallsStoredPatternsFrom15PercentFlippedBits(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            int n = 256;
            int p = HopfieldExample.STORED;
            SplittableRandom rng = new SplittableRandom(42);
            float[] patterns = Recall.randomPatterns(rng, p, n);
            float[] probes = Recall.corrupt(patterns, n, 0.15, rng);
            int flipped = 0;
            for (int i = 0; i < probes.length; i++) {
                flipped += probes[i] != patterns[i] ? 1 : 0;
            }
            assertEquals(p * Math.round(0.15 * n), flipped, "15% of each probe's bits flipped");
            HopfieldNetwork net = HopfieldNetwork.store(Tensor.of(patterns, 1, p, n));
            Recall.Result r = Recall.run(net, Tensor.of(probes, 1, p, n), 20, rng);
            assertTrue(r.converged(), "no fixed point after " + r.sweeps() + " sweeps");
            float[] m = HopfieldNetwork.overlap(Tensor.of(r.states(), 1, p, n), Tensor.of(patterns, 1, p, n)).toFloatArray();
            for (int k = 0; k < p; k++) {
                assertTrue(m[k] >= Capacity.RECALLED, "pattern " + k + " recalled with overlap " + m[k]);
            }
            for (int i = 1; i < r.energies().size(); i++) {
                assertTrue(r.energies().get(i) <= r.energies().get(i - 1), "mean energy rose: " + r.energies());
            }
        }
    }

    /**
     * The capacity experiment: recall holds at low load and collapses as the load passes about
     * 0.14 patterns per neuron (finite networks of 256 neurons cross one half a little above it).
     * On the CPU backend only: it is thousands of the updates the tests above run on every backend,
     * which take minutes on PoCL.
     */
    @Test
    void recallCollapsesNearCapacity() {
        String backend = "cpu";
        try (Backends.Scope b = ExampleBackends.use(backend)) {
            double[] loads = {0.04, 0.08, 0.12, 0.16, 0.20, 0.24, 0.28};
            List<Capacity.Load> result = Capacity.run(256, loads, 6, 5, 12, 7);
            System.out.println("HopfieldNetworkTest " + backend + ": " + result);
            assertTrue(result.get(0).recalled() == 1.0 && result.get(1).recalled() >= 0.9, result::toString);
            assertTrue(result.get(5).recalled() <= 0.2 && result.get(6).recalled() <= 0.2, result::toString);
            double half = Capacity.halfRecallLoad(result);
            assertTrue(half > 0.11 && half < 0.20, "recall crosses one half at load " + half);
        }
    }

    @Test
    void halfRecallLoadInterpolates() {
        List<Capacity.Load> loads = List.of(new Capacity.Load(0.1, 10, 1.0, 1), new Capacity.Load(0.2, 20, 0.75, 1),
                new Capacity.Load(0.3, 30, 0.25, 0.5));
        assertEquals(0.25, Capacity.halfRecallLoad(loads), 1e-12);
        assertTrue(Double.isNaN(Capacity.halfRecallLoad(loads.subList(0, 2))));
    }
}
