package dev.sinapsis.bench;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Embedding;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.LSTM;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.MaxPool2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.Locale;

/**
 * Training throughput of the two MNIST models and an LSTM text classifier on the CPU backend, for
 * {@code bench/compare_training.sh} to run next to the same models in PyTorch
 * ({@code bench/train_throughput.py}): full training steps (forward, cross-entropy, backward,
 * Adam) on a fixed random batch, so only compute is timed; and {@code cnn-infer}, the inference of
 * the {@code cnn} network (eval mode, no gradient). Prints one JSON line.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     dev.sinapsis.bench.TrainThroughput mlp|cnn|cnn-infer|lenet|lstm [batch] [steps] [sequence length]
 * </pre>
 *
 * <ul>
 *   <li>{@code mlp}: 784-256-128-10, ReLU.</li>
 *   <li>{@code cnn}: the {@code sinapsis train cnn} network — conv 5x5 (1→16, pad 2), ReLU,
 *   max-pool 2, conv 5x5 (16→32, pad 2), ReLU, max-pool 2, dense 1568→128, ReLU, dropout 0.25,
 *   dense 128→10.</li>
 *   <li>{@code cnn-infer}: the {@code cnn} network in eval mode (dropout off) under
 *   {@code Autograd.noGrad()}: one forward pass per step, no loss, no optimizer (the compared
 *   batch is 256).</li>
 *   <li>{@code lenet}: the classic MNIST CNN — conv 5x5 (1→32, pad 2), ReLU, max-pool 2, conv 5x5
 *   (32→64, pad 2), ReLU, max-pool 2, dense 3136→1024, ReLU, dense 1024→10.</li>
 *   <li>{@code lstm}: embedding (20,000 x 128) → LSTM 128 → the last hidden state → dense 128→2,
 *   on random token ids of the given sequence length (default 200), every sequence full length.</li>
 * </ul>
 */
public final class TrainThroughput {
    private TrainThroughput() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !java.util.List.of("mlp", "cnn", "cnn-infer", "lenet", "lstm").contains(args[0])) {
            System.err.println("usage: TrainThroughput mlp|cnn|cnn-infer|lenet|lstm [batch] [steps] [sequence length]");
            System.exit(2);
        }
        String model = args[0];
        int batch;
        int steps;
        int seq;
        try {
            batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
            steps = args.length > 2 ? Integer.parseInt(args[2]) : (model.equals("mlp") ? 300 : model.equals("cnn") ? 60 : model.equals("cnn-infer") ? 60 : model.equals("lenet") ? 20 : 10);
            seq = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        } catch (NumberFormatException e) {
            System.err.println("TrainThroughput: batch, steps and sequence length must be integers, got "
                    + String.join(" ", args));
            System.exit(2);
            return;
        }
        Backends.use(new CpuBackend());
        Generator gen = new Generator(42);
        Module net = switch (model) {
            case "mlp" -> mlp(gen);
            case "cnn", "cnn-infer" -> cnn(gen);
            case "lenet" -> lenet(gen);
            default -> new LstmClassifier(gen);
        };
        Optimizer opt = Adam.builder(net.parameters()).lr(1e-3).build();
        Tensor x = switch (model) {
            case "mlp" -> Tensor.rand(gen, batch, 784);
            case "cnn", "cnn-infer", "lenet" -> Tensor.rand(gen, batch, 1, 28, 28);
            default -> Tensor.randint(gen, 0, LstmClassifier.VOCAB, batch, seq);
        };
        Tensor y = Tensor.randint(gen, 0, model.equals("lstm") ? 2 : 10, batch);
        boolean infer = model.equals("cnn-infer");
        if (infer) {
            net.eval();
        }
        Warmup.run(Math.max(5, steps / 3), () -> step(net, opt, x, y, infer));
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            step(net, opt, x, y, infer);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"train\",\"model\":\"%s\",\"impl\":\"sinapsis-cpu\",\"batch\":%d,\"threads\":%d,"
                        + "%s\"steps\":%d,\"ms_per_step\":%.3f,\"samples_per_sec\":%.1f}",
                model, batch, Parallel.threads(), model.equals("lstm") ? "\"seq\":" + seq + "," : "", steps,
                seconds * 1000 / steps, steps * (double) batch / seconds));
    }

    private static void step(Module net, Optimizer opt, Tensor x, Tensor y, boolean infer) {
        if (infer) {
            try (MemoryScope scope = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
                // one element read back: the forward pass has finished (the CPU backend computes eagerly)
                net.forward(x).select(0, 0).select(0, 0).item();
            }
            return;
        }
        try (MemoryScope scope = MemoryScope.open()) {
            opt.zeroGrad();
            Tensor loss = Losses.crossEntropy(net.forward(x), y);
            loss.backward();
            opt.step();
        }
    }

    static Module mlp(Generator gen) {
        return new Sequential(new Linear(784, 256, true, gen), new ReLU(), new Linear(256, 128, true, gen), new ReLU(),
                new Linear(128, 10, true, gen));
    }

    /** Embedding → LSTM → last hidden state → dense, as in {@code bench/train_throughput.py}. */
    static final class LstmClassifier extends Module {
        static final int VOCAB = 20_000;
        private final Embedding embedding;
        private final LSTM lstm;
        private final Linear head;

        LstmClassifier(Generator gen) {
            embedding = registerModule("embedding", new Embedding(VOCAB, 128, -1, gen));
            lstm = registerModule("lstm", LSTM.builder(128, 128).batchFirst(true).generator(gen).build());
            head = registerModule("head", new Linear(128, 2, true, gen));
        }

        @Override
        public Tensor forward(Tensor tokens) {
            return head.forward(lstm.forward(embedding.forward(tokens), null).hN().select(0, 0));
        }
    }

    static Module lenet(Generator gen) {
        return new Sequential(new Conv2d(1, 32, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(64 * 7 * 7, 1024, true, gen), new ReLU(), new Linear(1024, 10, true, gen));
    }

    static Module cnn(Generator gen) {
        return new Sequential(new Conv2d(1, 16, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 5, 1, 2, 1, true, gen), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(32 * 7 * 7, 128, true, gen), new ReLU(), new Dropout(0.25, gen),
                new Linear(128, 10, true, gen));
    }
}
