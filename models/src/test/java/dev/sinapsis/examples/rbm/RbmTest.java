package dev.sinapsis.examples.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The restricted Boltzmann machine: exact likelihood, its rise under CD and PCD, MNIST reconstruction. */
class RbmTest {
    static List<String> backends() {
        return ExampleBackends.names();
    }

    /**
     * The exact log-likelihood against a brute-force sum over every joint state (v, h) in double
     * precision on the host: log p(v) = log sum_h exp(-E(v, h)) - log sum_{v,h} exp(-E(v, h)).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void exactLikelihoodMatchesBruteForce(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
            int nv = 5;
            int nh = 3;
            Generator gen = new Generator(4);
            Tensor data = Tensor.of(new float[] {1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1}, 3, nv);
            Rbm rbm = new Rbm(data, nh, gen);
            rbm.weights().copyFrom(Tensor.randn(gen, nv, nh));                  // weights large enough to matter
            rbm.hiddenBias().copyFrom(Tensor.randn(gen, nh).mul(0.5));
            float[] w = rbm.weights().toFloatArray();
            float[] bv = rbm.visibleBias().toFloatArray();
            float[] bh = rbm.hiddenBias().toFloatArray();
            double[][] logJoint = new double[1 << nv][1 << nh];
            double logZ = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < 1 << nv; v++) {
                for (int h = 0; h < 1 << nh; h++) {
                    double e = 0;
                    for (int i = 0; i < nv; i++) {
                        e += bit(v, i) * bv[i];
                        for (int j = 0; j < nh; j++) {
                            e += bit(v, i) * bit(h, j) * w[i * nh + j];
                        }
                    }
                    for (int j = 0; j < nh; j++) {
                        e += bit(h, j) * bh[j];
                    }
                    logJoint[v][h] = e;
                    logZ = logAdd(logZ, e);
                }
            }
            float[] rows = data.toFloatArray();
            double expected = 0;
            for (int r = 0; r < 3; r++) {
                int v = 0;
                for (int i = 0; i < nv; i++) {
                    v |= rows[r * nv + i] == 1 ? 1 << i : 0;
                }
                double logMarginal = Double.NEGATIVE_INFINITY;
                for (int h = 0; h < 1 << nh; h++) {
                    logMarginal = logAdd(logMarginal, logJoint[v][h]);
                }
                expected += (logMarginal - logZ) / 3;
            }
            assertEquals(logZ, ExactLikelihood.logPartition(rbm), 1e-4);
            assertEquals(expected, ExactLikelihood.meanLogLikelihood(rbm, data), 1e-4);
        }
    }

    /**
     * The defining property on the tiny machine: trained on the 30 bars-and-stripes patterns by CD-1
     * and by persistent CD, the exact log-likelihood rises, checkpoint after checkpoint.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void exactLikelihoodRisesUnderCdAndPcd(String backend) {
        try (Backends.Scope b = ExampleBackends.use(backend)) {
            float[] bars = BarsAndStripes.flat(4);
            for (RbmExample.Method m : List.of(RbmExample.TINY_METHODS.get(0), RbmExample.TINY_METHODS.get(2))) {
                List<Double> ll = RbmExample.tinyLikelihood(m, bars, 30, 400, 100, 0.8, 42);
                System.out.println("RbmTest " + backend + " " + m.name() + ": " + ll);
                for (int i = 1; i < ll.size(); i++) {
                    assertTrue(ll.get(i) > ll.get(i - 1), m.name() + ": log-likelihood fell: " + ll);
                }
                assertTrue(ll.get(ll.size() - 1) > ll.get(0) + 2.5, m.name() + ": rose too little: " + ll);
            }
        }
    }

    /** On binarised MNIST the reconstruction error of held-out digits falls under CD-1 and under PCD-1. */
    @ParameterizedTest
    @MethodSource("backends")
    void reconstructionErrorFallsOnMnist(String backend) {
        MnistSubset train = MnistSubset.embedded(true, 500);
        MnistSubset test = MnistSubset.embedded(false, 200);
        for (RbmExample.Method m : RbmExample.MNIST_METHODS) {
            try (Backends.Scope b = ExampleBackends.use(backend); MemoryScope scope = MemoryScope.open()) {
                Generator gen = new Generator(7);
                Tensor data = train.tensor().gt(0.5).to(DType.F32);
                Tensor heldOut = test.tensor().gt(0.5).to(DType.F32);
                Rbm rbm = new Rbm(data, 32, gen);
                Training training = m.start(rbm, data.dim(1), gen);
                double before = rbm.reconstructionError(heldOut, gen).item();
                for (int epoch = 0; epoch < 6; epoch++) {
                    for (int s = 0; s < 10; s++) {
                        try (MemoryScope step = MemoryScope.open()) {
                            training.step(data.narrow(0, s * 50, 50), 0.3, gen);
                        }
                    }
                }
                double after = rbm.reconstructionError(heldOut, gen).item();
                System.out.println("RbmTest " + backend + " " + m.name() + ": reconstruction " + before + " -> " + after);
                assertTrue(after < 0.9 * before, m.name() + ": reconstruction error " + before + " -> " + after);
            }
        }
    }

    /** Persistent CD carries its fantasy particles across updates; CD-k starts from the data each time. */
    @Test
    void persistentChainsMoveBetweenUpdates() {
        try (Backends.Scope b = ExampleBackends.use("cpu"); MemoryScope scope = MemoryScope.open()) {
            Generator gen = new Generator(1);
            Tensor data = Tensor.of(BarsAndStripes.flat(3), 14, 9);
            Rbm rbm = new Rbm(data, 4, gen);
            Tensor start = Tensor.zeros(20, 9);
            Training pcd = Training.persistent(rbm, 1, start);
            pcd.step(data, 0.1, gen);
            float[] after = pcd.particles().toFloatArray();
            double moved = 0;
            for (float v : after) {
                moved += v;
            }
            assertTrue(moved > 0, "the fantasy particles did not move from all-zero");
            assertEquals(0, start.sum().item(), 0, "the initial particles were copied, not updated in place");
        }
    }

    @Test
    void barsAndStripesHas2ToTheSidePlusOneMinusTwoPatterns() {
        assertEquals(30, BarsAndStripes.patterns(4).length);
        assertEquals(14, BarsAndStripes.patterns(3).length);
    }

    private static int bit(int v, int i) {
        return (v >> i) & 1;
    }

    private static double logAdd(double a, double b) {
        double m = Math.max(a, b);
        return m == Double.NEGATIVE_INFINITY ? m : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
