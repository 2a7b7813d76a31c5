package dev.sinapsis.examples.perceptron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The perceptron example's defining property on every backend, and its rule against a plain-Java one. */
class PerceptronTest {
    /** AND, OR, NAND and NOR reach an epoch without error and then stay right; XOR and XNOR never do. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void learnsTheSeparableGatesAndNeverXor(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend))) {
            List<LogicGate> gates = LogicGate.ALL;
            PerceptronExample.Result r = PerceptronExample.train(gates, PerceptronExample.EPOCHS, 42);
            for (int g = 0; g < gates.size(); g++) {
                String name = gates.get(g).name();
                List<Integer> errors = r.errors().get(g);
                if (name.startsWith("X")) {
                    assertTrue(errors.stream().allMatch(e -> e >= 1), name + " had an epoch without error: " + errors);
                    assertFalse(r.correct()[g], name);
                } else {
                    int first = r.firstClean(g);
                    assertTrue(first > 0, name + " never learned: " + errors);
                    assertTrue(errors.subList(first - 1, errors.size()).stream().allMatch(e -> e == 0), name + ": " + errors);
                    assertTrue(r.correct()[g], name);
                }
            }
        }
    }

    /** The tensor rule equals the rule written with doubles, update by update, from the same start. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void ruleMatchesAPlainJavaPerceptron(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            Perceptron p = new Perceptron(2, 2, new Generator(7));
            double[][] w = p.weights();
            float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
            float[] t = {0, 0, 0, 1, 0, 1, 1, 0};                          // AND, XOR
            int[][] orders = {{0, 1, 2, 3}, {3, 1, 0, 2}, {2, 3, 1, 0}, {1, 0, 3, 2}, {0, 2, 3, 1}, {3, 2, 1, 0}};
            for (int[] order : orders) {
                int[] errors = p.epoch(Tensor.of(x, 4, 2), Tensor.of(t, 2, 4), order, 0.1);
                int[] expected = new int[2];
                for (int i : order) {
                    for (int g = 0; g < 2; g++) {
                        double s = w[g][0] * x[2 * i] + w[g][1] * x[2 * i + 1] + w[g][2];
                        double delta = t[g * 4 + i] - (s > 0 ? 1 : 0);
                        w[g][0] += 0.1 * delta * x[2 * i];
                        w[g][1] += 0.1 * delta * x[2 * i + 1];
                        w[g][2] += 0.1 * delta;
                        expected[g] += (int) Math.abs(delta);
                    }
                }
                assertArrayEquals(expected, errors);
                for (int g = 0; g < 2; g++) {
                    assertArrayEquals(w[g], p.weights()[g], 1e-5);
                }
            }
        }
    }

    /** Of the 16 Boolean functions of two inputs, exactly XOR and XNOR are not linearly separable. */
    @Test
    void fourteenOfTheSixteenGatesAreSeparable() {
        int separable = 0;
        for (int bits = 0; bits < 16; bits++) {
            int[] table = {bits & 1, (bits >> 1) & 1, (bits >> 2) & 1, (bits >> 3) & 1};
            boolean s = new LogicGate("f" + bits, table).linearlySeparable();
            separable += s ? 1 : 0;
            boolean xorLike = table[0] == table[3] && table[1] == table[2] && table[0] != table[1];
            assertEquals(!xorLike, s, java.util.Arrays.toString(table));
        }
        assertEquals(14, separable);
    }
}
