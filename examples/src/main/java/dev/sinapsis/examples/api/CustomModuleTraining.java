package dev.sinapsis.examples.api;

import dev.sinapsis.data.ArrayDataset;
import dev.sinapsis.data.Batch;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.SGD;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A custom {@link Module} and a hand-written training loop: two spirals of points, a network of our
 * own, batches from a {@link DataLoader}, SGD with momentum, the loss printed per epoch.
 */
public final class CustomModuleTraining {
    private CustomModuleTraining() {
    }

    /** Two hidden layers with a skip connection: something {@code Sequential} cannot say. */
    static final class SpiralNet extends Module {
        private final Linear in;
        private final Linear hidden;
        private final Linear out;

        SpiralNet(int width, Generator gen) {
            in = registerModule("in", new Linear(2, width, true, gen));
            hidden = registerModule("hidden", new Linear(width, width, true, gen));
            out = registerModule("out", new Linear(width, 2, true, gen));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = in.forward(x).tanh();
            h = h.add(hidden.forward(h).tanh());   // residual: h + f(h)
            return out.forward(h);                 // logits of the two classes
        }
    }

    /** What the run measured. */
    public record Result(double firstLoss, double lastLoss, double accuracy) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Trains for 50 epochs and prints the loss; returns the first and last epoch's loss and the final accuracy. */
    public static Result run(PrintStream out) {
        int n = 400;
        float[] points = new float[2 * n];
        long[] labels = new long[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {                       // two interleaved spirals
            int c = i % 2;
            double t = 0.5 + 3.0 * random.nextDouble();
            double angle = t * 2.2 + c * Math.PI;
            points[2 * i] = (float) (t * Math.cos(angle) / 3.5 + 0.03 * random.nextGaussian());
            points[2 * i + 1] = (float) (t * Math.sin(angle) / 3.5 + 0.03 * random.nextGaussian());
            labels[i] = c;
        }
        ArrayDataset data = new ArrayDataset(points, Shape.of(2), labels, 2);
        DataLoader loader = DataLoader.builder(data).batchSize(32).shuffle(true).seed(1).build();
        SpiralNet net = new SpiralNet(32, new Generator(3));
        Optimizer opt = SGD.builder(net.parameters()).lr(0.2).momentum(0.9).build();
        out.printf(Locale.ROOT, "SpiralNet: %d parameters, %d points, %d batches per epoch%n", net.parameterCount(), n,
                loader.batchesPerEpoch());
        double first = Double.NaN;
        double last = Double.NaN;
        int epochs = 50;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            int batches = 0;
            for (Batch batch : loader.epoch(epoch)) {
                try (MemoryScope step = MemoryScope.open(); batch) {   // the step's tensors and the batch freed here
                    Tensor loss = Losses.crossEntropy(net.forward(batch.inputs()), batch.targets());
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    sum += loss.item();
                    batches++;
                }
            }
            last = sum / batches;
            if (epoch == 0) {
                first = last;
            }
            if (epoch == 0 || (epoch + 1) % 10 == 0) {
                out.printf(Locale.ROOT, "epoch %2d  mean loss %.4f%n", epoch + 1, last);
            }
        }
        double accuracy;
        net.eval();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor predicted = net.forward(Tensor.of(points, n, 2)).argmax(1, false);
            accuracy = predicted.eq(Tensor.of(labels, n)).to(dev.sinapsis.tensor.DType.F32).mean().item();
        }
        out.printf(Locale.ROOT, "accuracy on the %d points: %.3f%n", n, accuracy);
        return new Result(first, last, accuracy);
    }
}
