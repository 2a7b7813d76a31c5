package dev.sinapsis.examples.api;

import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.Tanh;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;

/** Learns XOR with a 2-8-1 network of tanh units, trained by Adam. */
public class Xor {
    public static void main(String[] args) {
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Generator gen = new Generator(42);                       // same seed, same weights, every backend
        Sequential net = new Sequential(new Linear(2, 8, true, gen), new Tanh(), new Linear(8, 1, true, gen));
        Optimizer opt = Adam.builder(net.parameters()).lr(0.05).build();
        for (int step = 1; step <= 300; step++) {
            try (MemoryScope scope = MemoryScope.open()) {      // frees this step's tensors at the end
                Tensor loss = Losses.bceWithLogits(net.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (step % 100 == 0) {
                    System.out.printf("step %d  loss %.4f%n", step, loss.item());
                }
            }
        }
        float[] p = net.forward(x).sigmoid().toFloatArray();
        System.out.printf("XOR of 00 01 10 11: %.2f %.2f %.2f %.2f%n", p[0], p[1], p[2], p[3]);
    }
}
