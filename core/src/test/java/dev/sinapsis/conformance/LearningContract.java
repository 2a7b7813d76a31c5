package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proof that the tensor API and the tape learn, on every backend: the perceptron of the course
 * learns AND and OR but not XOR; a two-layer network trained by hand-written SGD learns XOR;
 * and 10,000 training steps leave memory flat, on the heap and in the backend's count of live
 * storages.
 */
public abstract class LearningContract extends BackendTestBase {
    private static final float[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};

    private static Tensor inputs() {
        return Tensor.of(INPUTS, 4, 2);
    }

    /**
     * Rosenblatt's rule {@code w += lr * (t - y) x} with a hard threshold, run for {@code epochs}
     * passes over the four patterns; returns how many patterns the final unit classifies right.
     */
    static int trainPerceptron(float[] targets, int epochs) {
        Tensor x = inputs();
        Tensor t = Tensor.of(targets, 4, 1);
        Tensor w = Tensor.zeros(2, 1);
        Tensor b = Tensor.zeros(1);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = 0; i < 4; i++) {
                Tensor xi = x.slice(0, i, i + 1);
                Tensor y = xi.matmul(w).add(b).gt(0).to(w.dtype());
                Tensor err = t.slice(0, i, i + 1).sub(y);
                w.addInPlace(xi.t().matmul(err), 0.1);
                b.addInPlace(err.reshape(1), 0.1);
            }
        }
        Tensor predictions = x.matmul(w).add(b).gt(0).to(w.dtype());
        return (int) predictions.eq(t).sum().item();
    }

    @Test
    void seededRandomGivesTheDocumentedFirstValues() {
        // the values README.md documents; every backend must reproduce them bit for bit
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new float[] {0.61295986f, 0.98771864f, 0.8258668f, 0.72959924f},
                Tensor.rand(new Generator(42), 4).toFloatArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new float[] {-0.9701898f, -0.07318151f, -0.33696187f, -0.37973726f},
                Tensor.randn(new Generator(42), 4).toFloatArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {6, 9, 8, 7},
                Tensor.randint(new Generator(42), 0, 10, 4).toLongArray());
    }

    @Test
    void perceptronLearnsAnd() {
        assertEquals(4, trainPerceptron(new float[] {0, 0, 0, 1}, 20));
    }

    @Test
    void perceptronLearnsOr() {
        assertEquals(4, trainPerceptron(new float[] {0, 1, 1, 1}, 20));
    }

    @Test
    void perceptronCannotLearnXor() {
        // XOR is not linearly separable: whatever the epochs, one pattern at least stays wrong
        for (int epochs : new int[] {10, 100, 1000}) {
            assertTrue(trainPerceptron(new float[] {0, 1, 1, 0}, epochs) <= 3);
        }
    }

    /** A 2-8-1 tanh/sigmoid network with its parameters, trained by plain SGD on XOR. */
    static final class XorNet {
        final Tensor w1;
        final Tensor b1;
        final Tensor w2;
        final Tensor b2;

        XorNet(long seed) {
            Generator g = new Generator(seed);
            w1 = Tensor.randn(g, 2, 8).mul(0.7).requiresGrad(true);
            b1 = Tensor.zeros(8).requiresGrad(true);
            w2 = Tensor.randn(g, 8, 1).mul(0.7).requiresGrad(true);
            b2 = Tensor.zeros(1).requiresGrad(true);
        }

        Tensor forward(Tensor x) {
            return x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
        }

        /** One SGD step; returns the loss before it, on the device (read it with item() to log it). */
        Tensor step(Tensor x, Tensor t, double lr) {
            Tensor loss = forward(x).sub(t).square().mean();
            loss.backward();
            try (var ignored = Autograd.noGrad()) {
                for (Tensor p : List.of(w1, b1, w2, b2)) {
                    p.addInPlace(p.grad(), -lr);
                    p.zeroGrad();
                }
            }
            return loss;
        }
    }

    @Test
    void twoLayerNetworkLearnsXor() {
        XorNet net = new XorNet(42);
        Tensor x = inputs();
        Tensor t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        double first = net.step(x, t, 2.0).item();
        Tensor lastLoss = null;
        for (int i = 0; i < 2000; i++) {
            lastLoss = net.step(x, t, 2.0);
        }
        double last = lastLoss.item();
        Tensor predicted = net.forward(x).gt(0.5).to(t.dtype());
        assertEquals(4, (int) predicted.eq(t).sum().item(), "XOR accuracy must be 100%");
        assertTrue(last < first / 10, "loss fell from " + first + " to " + last);
    }

    @Test
    void memoryIsFlatOverTenThousandSteps() {
        XorNet net = new XorNet(7);
        Tensor x = inputs();
        Tensor t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        for (int i = 0; i < 500; i++) {
            net.step(x, t, 0.5);
        }
        long before = HeapProbe.settledHeap();
        MemoryStats deviceBefore = HeapProbe.settledStats(backend());
        for (int i = 500; i < 10_000; i++) {
            Tensor loss = net.step(x, t, 0.5);
            if (i % 100 == 0) { // a training loop logs its loss now and then, not at every step (a device sync)
                assertTrue(Double.isFinite(loss.item()), "loss at step " + i);
            }
        }
        long after = HeapProbe.settledHeap();
        MemoryStats deviceAfter = HeapProbe.settledStats(backend());
        // a leak of even one tape entry (with its saved tensors) per step would be several MB
        long growth = after - before;
        assertTrue(growth < 2L * 1024 * 1024,
                "heap grew by " + growth / 1024 + " KiB over 9,500 training steps");
        // and the backend's own count of live storages (the steps' garbage was collected above and
        // returned by the Cleaner): one storage kept per step would be thousands
        assertTrue(deviceAfter.liveBuffers() - deviceBefore.liveBuffers() < 64,
                "live storages went from " + deviceBefore + " to " + deviceAfter + " over 9,500 training steps");
        assertTrue(net.w1.grad() == null, "zeroGrad cleared the gradient");
    }
}
