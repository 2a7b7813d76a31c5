package dev.sinapsis.cli;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.MaxPool2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * The calls {@code sinapsis bench} times, built on the current backend ({@code Backends.using}):
 * the operands are made once, each call runs the op through the public tensor API (so a
 * backend's fused kernel is used where it has one, the composite otherwise), reads one element of
 * the result back (the call has finished on the device) and releases what it allocated.
 * The train networks are those of {@code bench/train_throughput.py}, so {@code --compare torch}
 * runs the same ones.
 */
final class BenchWorkloads {
    private BenchWorkloads() {
    }

    /** One call of {@code size} in {@code dtype}; the operands live in the caller's memory scope. */
    static Runnable prepare(BenchSize size, DType dtype) {
        Generator gen = new Generator(42);
        int[] d = size.dims();
        return switch (size.op()) {
            case GEMM -> {
                Tensor a = random(gen, dtype, d[0], d[1]);
                Tensor b = random(gen, dtype, d[1], d[2]);
                yield () -> inference(() -> a.matmul(b));
            }
            case CONV2D -> {
                Tensor x = random(gen, dtype, d[0], d[1], d[2], d[3]);
                Tensor w = random(gen, dtype, d[4], d[1], d[5], d[5]);
                if (size.backward()) {
                    yield convBackward(x, w, random(gen, dtype, d[0], d[4], size.outSide(d[2]), size.outSide(d[3])),
                            d[6], d[7]);
                }
                yield () -> inference(() -> Convolutions.conv2d(x, w, null, d[6], d[7], 1));
            }
            case SOFTMAX -> {
                Tensor x = random(gen, dtype, d[0], d[1]);
                yield () -> inference(() -> Activations.softmax(x, 1));
            }
            case ELEMENTWISE -> {
                Tensor a = random(gen, dtype, d[0]);
                Tensor b = random(gen, dtype, d[0]);
                yield () -> inference(() -> a.add(b));
            }
            case TRAIN -> train(size.model(), d[0], gen);
        };
    }

    /**
     * A plain memory copy of {@code size}'s {@code n} elements on the host ({@code System.arraycopy},
     * one thread): the bandwidth reference an elementwise kernel is judged against.
     */
    static Runnable hostCopy(BenchSize size, DType dtype) {
        int n = size.dims()[0];
        if (dtype == DType.F64) {
            double[] src = new double[n];
            double[] dst = new double[n];
            java.util.Arrays.fill(src, 1.5);
            return () -> System.arraycopy(src, 0, dst, 0, n);
        }
        float[] src = new float[n];
        float[] dst = new float[n];
        java.util.Arrays.fill(src, 1.5f);
        return () -> System.arraycopy(src, 0, dst, 0, n);
    }

    private static Tensor random(Generator gen, DType dtype, int... shape) {
        return Tensor.uniform(gen, Shape.of(shape), dtype, -1, 1);
    }

    private interface Op {
        Tensor apply();
    }

    private static void inference(Op op) {
        try (MemoryScope scope = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
            waitFor(op.apply());
        }
    }

    /**
     * The forward and the backward of a convolution: the gradients of {@code x} and {@code w} for
     * the output gradient {@code g} (released at the start of each call, so none accumulates).
     */
    private static Runnable convBackward(Tensor x, Tensor w, Tensor g, int stride, int pad) {
        x.requiresGrad(true);
        w.requiresGrad(true);
        return () -> {
            x.zeroGrad();
            w.zeroGrad();
            try (MemoryScope scope = MemoryScope.open()) {
                Convolutions.conv2d(x, w, null, stride, pad, 1).backward(g);
                waitFor(x.grad());
                waitFor(w.grad());
            }
        };
    }

    /** Reads one element back: the op has finished, also on a device that queues its work. */
    static double waitFor(Tensor t) {
        return t.flatten().select(0, 0).item();
    }

    private static Runnable train(String model, int batch, Generator gen) {
        Module net = switch (model) {
            case "mlp" -> new Sequential(new Linear(784, 256, true, gen), new ReLU(), new Linear(256, 128, true, gen),
                    new ReLU(), new Linear(128, 10, true, gen));
            case "lenet" -> new Sequential(new Conv2d(1, 32, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2),
                    new Conv2d(32, 64, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2), new Flatten(),
                    new Linear(64 * 7 * 7, 1024, true, gen), new ReLU(), new Linear(1024, 10, true, gen));
            case "cnn", "cnn-infer" -> new Sequential(new Conv2d(1, 16, 5, 1, 2, 1, true, gen), new ReLU(),
                    new MaxPool2d(2), new Conv2d(16, 32, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(32 * 7 * 7, 128, true, gen), new ReLU(), new Dropout(0.25, gen),
                    new Linear(128, 10, true, gen));
            default -> throw new IllegalArgumentException("unknown train model " + model);
        };
        Tensor x = model.equals("mlp") ? Tensor.rand(gen, batch, 784) : Tensor.rand(gen, batch, 1, 28, 28);
        if (model.equals("cnn-infer")) {
            net.eval();
            return () -> inference(() -> net.forward(x));
        }
        Tensor y = Tensor.randint(gen, 0, 10, batch);
        Optimizer opt = Adam.builder(net.parameters()).lr(1e-3).build();
        Tensor firstWeight = net.parameters().get(0);
        return () -> {
            try (MemoryScope scope = MemoryScope.open()) {
                opt.zeroGrad();
                Tensor loss = Losses.crossEntropy(net.forward(x), y);
                loss.backward();
                opt.step();
                waitFor(firstWeight); // read after the update: the whole step has run
            }
        };
    }
}
