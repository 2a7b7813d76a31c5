package dev.sinapsis.examples.xor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The XOR network: its hand-written passes against the vectorised one and autograd, and the trained result. */
class XorNetworkTest {
    /** The forward pass by hand equals the vectorised one; the chain rule written out equals autograd. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void handWrittenPassesMatchTheVectorisedOneAndAutograd(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(XorExample.INPUTS, 4, 2).to(DType.F64);
            Tensor t = Tensor.of(XorExample.TARGETS, 4, 1).to(DType.F64);
            XorNetwork net = new XorNetwork(3, new Generator(11), DType.F64);
            net.parameters().get(1).copyFrom(Tensor.of(new double[] {0.3, -0.2, 0.1}, 3));   // nonzero biases
            double[] y = net.forward(x).toDoubleArray();
            for (int i = 0; i < 4; i++) {
                double[] h = net.forwardByHand(XorExample.INPUTS[2 * i], XorExample.INPUTS[2 * i + 1]);
                assertEquals(y[i], h[3], 1e-12, "input " + i);
            }
            for (Tensor p : net.parameters()) {
                p.requiresGrad(true);
            }
            net.loss(x, t).backward();
            List<Tensor> manual = net.gradients(x, t);
            for (int i = 0; i < 4; i++) {
                Tensor auto = net.parameters().get(i).grad();
                assertArrayEquals(auto.toDoubleArray(), manual.get(i).toDoubleArray(), 1e-12, "parameter " + i);
                assertTrue(java.util.Arrays.stream(auto.toDoubleArray()).anyMatch(g -> Math.abs(g) > 1e-4));
            }
        }
    }

    /** The defining property: from the default seed, 2 hidden units, default epochs, XOR is learned exactly. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void learnsXorFromTheDefaultSeed(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(XorExample.INPUTS, 4, 2);
            Tensor t = Tensor.of(XorExample.TARGETS, 4, 1);
            XorNetwork net = new XorNetwork(XorExample.HIDDEN, new Generator(42), DType.F32);
            double first = net.loss(x, t).item();
            for (int e = 0; e < XorExample.EPOCHS; e++) {
                try (MemoryScope step = MemoryScope.open()) {
                    net.step(net.gradients(x, t), XorExample.LR, XorExample.MOMENTUM);
                }
            }
            float[] y = net.forward(x).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(XorExample.TARGETS[i], y[i] > 0.5 ? 1f : 0f, "input " + i + ": " + y[i]);
                assertEquals(XorExample.TARGETS[i], y[i], 0.1, "input " + i);
            }
            assertTrue(net.loss(x, t).item() < first / 100);
        }
    }
}
