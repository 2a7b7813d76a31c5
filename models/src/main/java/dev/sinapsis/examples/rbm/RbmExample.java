package dev.sinapsis.examples.rbm;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.examples.Shuffles;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run rbm}: restricted Boltzmann machines trained by CD-1, CD-5 and persistent CD.
 * First a tiny machine (16 visible, {@value #TINY_HIDDEN} hidden units) on the 30 bars-and-stripes
 * patterns, whose exact log-likelihood is computed by enumeration as it trains; then machines of
 * {@value #HIDDEN} hidden units on {@value #DIGITS} binarised MNIST digits, with their reconstruction
 * error on held-out digits, their filters and samples from Gibbs chains. {@code --epochs} sets the
 * MNIST epochs and the tiny machine's updates ({@value #TINY_STEPS_PER_EPOCH} per epoch).
 */
public final class RbmExample implements Example {
    /** Hidden units of the tiny machine (2^8 hidden states enumerated). */
    public static final int TINY_HIDDEN = 8;
    /** Full-batch updates of the tiny machine per epoch of {@code --epochs} (3,000 at the default 10). */
    public static final int TINY_STEPS_PER_EPOCH = 300;
    /** The tiny machine's first learning rate (decaying linearly to zero). */
    public static final double TINY_LR = 0.2;
    /** Fantasy particles of persistent CD. */
    public static final int PARTICLES = 100;
    /** Hidden units of the MNIST machines. */
    public static final int HIDDEN = 100;
    /** MNIST training digits. */
    public static final int DIGITS = 5000;
    /** Held-out MNIST digits for the reconstruction error. */
    public static final int HELD_OUT = 1000;
    /** Default MNIST epochs. */
    public static final int EPOCHS = 10;
    /** MNIST mini-batch. */
    public static final int BATCH = 50;
    /** MNIST learning rate (decaying linearly to zero). */
    public static final double LR = 0.1;
    private static final int[] GIBBS_SHOWN = {0, 1, 5, 20, 100, 500, 1000};
    private static final int CHAINS = 4;

    @Override
    public String name() {
        return "rbm";
    }

    @Override
    public String summary() {
        return "ch. 17: restricted Boltzmann machines by CD-k and persistent CD: exact likelihood of a tiny one, MNIST filters and samples";
    }

    /** One training method of the comparison. */
    record Method(String name, int k, boolean persistent) {
        Training start(Rbm rbm, int visible, Generator gen) {
            return persistent ? Training.persistent(rbm, k, Rbm.sample(Tensor.full(0.5, PARTICLES, visible), gen))
                    : Training.contrastiveDivergence(rbm, k);
        }
    }

    static final List<Method> TINY_METHODS = List.of(new Method("CD-1", 1, false), new Method("CD-5", 5, false),
            new Method("PCD-1", 1, true));
    static final List<Method> MNIST_METHODS = List.of(new Method("CD-1", 1, false), new Method("PCD-1", 1, true));

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 1000) {
            throw new ConfigException("--epochs must be in [1, 1000], got " + epochs);
        }
        long start = System.nanoTime();
        String backend = Backends.current().name();
        ExampleSummary summary = new ExampleSummary(name(), options, backend);
        out.printf(Locale.ROOT, "Restricted Boltzmann machines on backend %s, seed %d%n", backend, options.seed());

        int tinySteps = TINY_STEPS_PER_EPOCH * epochs;
        float[] bars = BarsAndStripes.flat(4);
        int patterns = bars.length / 16;
        out.printf(Locale.ROOT, "%nTiny RBM: 16 visible, %d hidden units, the %d 4x4 bars-and-stripes patterns,"
                        + " %d full-batch updates (lr %.2f decaying to 0); exact log-likelihood by enumerating 2^%d"
                        + " hidden states (the best possible: ln(1/%d) = %.3f)%n", TINY_HIDDEN, patterns, tinySteps,
                TINY_LR, TINY_HIDDEN, patterns, Math.log(1.0 / patterns));
        List<Series> likelihood = new ArrayList<>();
        for (Method m : TINY_METHODS) {
            List<Double> ll = tinyLikelihood(m, bars, patterns, tinySteps, tinySteps / 20, TINY_LR, options.seed());
            double[] x = new double[ll.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i * (tinySteps / 20);
            }
            likelihood.add(new Series(m.name(), x, ll.stream().mapToDouble(Double::doubleValue).toArray()));
            out.printf(Locale.ROOT, "  %-6s log-likelihood %.3f -> %.3f (best on the way %.3f)%n", m.name(), ll.get(0),
                    ll.get(ll.size() - 1), ll.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            summary.rounded("tiny_loglik_" + key(m), ll);
        }
        likelihood.add(new Series("best possible ln(1/" + patterns + ")", new double[] {0, tinySteps},
                new double[] {Math.log(1.0 / patterns), Math.log(1.0 / patterns)}));
        ExamplePictures.xyChart(options.out().resolve("likelihood.png"), "tiny RBM (16-" + TINY_HIDDEN
                        + ") on bars and stripes: exact log-likelihood", "update", "mean log-likelihood (nats)",
                likelihood);

        MnistSubset train = MnistSubset.embedded(true, DIGITS);
        MnistSubset test = MnistSubset.embedded(false, HELD_OUT);
        out.printf(Locale.ROOT, "%nMNIST: %d binarised training digits (pixel > 0.5), %d hidden units, %d epochs,"
                + " batch %d, lr %.2f decaying to 0; reconstruction error on %d held-out digits%n", DIGITS, HIDDEN,
                epochs, BATCH, LR, HELD_OUT);
        List<Series> reconstruction = new ArrayList<>();
        List<float[][]> chains = new ArrayList<>();
        for (Method m : MNIST_METHODS) {
            MnistRun run = mnist(m, train, test, epochs, options.seed(), out);
            reconstruction.add(new Series(m.name(), run.epochs(), run.errors()));
            chains.add(run.chains());
            summary.put("mnist_reconstruction_" + key(m), java.util.Arrays.stream(run.errors())
                    .mapToObj(v -> Math.round(v * 1e5) / 1e5).toList());
            int side = train.side();
            float[] w = run.filters();
            ExamplePictures.imageGrid(options.out().resolve("filters-" + key(m) + ".png"), new ExamplePictures.Grid(
                            "RBM filters (" + m.name() + "): the weights of each of the " + HIDDEN + " hidden units",
                            10, 10, side, side, 2, 2, "hidden units (each scaled to its own range: black = most"
                            + " negative, white = most positive)", null, null, null),
                    (r, c, y, x) -> filterPixel(w, r * 10 + c, y * side + x, side * side));
        }
        ExamplePictures.xyChart(options.out().resolve("reconstruction.png"), "RBM on binarised MNIST: reconstruction"
                + " error on held-out digits", "epoch", "mean squared error per pixel", reconstruction);
        samplesPicture(options, chains, train.side());
        return summary.write(options, start, List.of("likelihood.png", "reconstruction.png", "filters-cd1.png",
                "filters-pcd1.png", "samples.png"), out);
    }

    private static String key(Method m) {
        return m.name().toLowerCase(Locale.ROOT).replace("-", "");
    }

    /**
     * Trains a tiny machine with {@code method} ({@code steps} full-batch updates, the learning rate
     * decaying linearly from {@code lr} to 0) and returns the exact log-likelihood before training and
     * every {@code every} updates.
     */
    static List<Double> tinyLikelihood(Method method, float[] patterns, int count, int steps, int every, double lr,
                                       long seed) {
        try (MemoryScope scope = MemoryScope.open()) {
            Generator gen = new Generator(seed);
            Tensor data = Tensor.of(patterns, count, patterns.length / count);
            Rbm rbm = new Rbm(data, TINY_HIDDEN, gen);
            Training training = method.start(rbm, data.dim(1), gen);
            List<Double> ll = new ArrayList<>();
            ll.add(ExactLikelihood.meanLogLikelihood(rbm, data));
            for (int s = 0; s < steps; s++) {
                try (MemoryScope step = MemoryScope.open()) {
                    training.step(data, lr * (1 - s / (double) steps), gen);
                    if ((s + 1) % every == 0) {
                        ll.add(ExactLikelihood.meanLogLikelihood(rbm, data));
                    }
                }
            }
            return ll;
        }
    }

    /** What one MNIST training produced. */
    record MnistRun(double[] epochs, double[] errors, float[] filters, float[][] chains) {
    }

    private static MnistRun mnist(Method m, MnistSubset train, MnistSubset test, int epochs, long seed, PrintStream out) {
        try (MemoryScope scope = MemoryScope.open()) {
            Generator gen = new Generator(seed);
            SplittableRandom rng = new SplittableRandom(seed);
            Tensor data = train.tensor().gt(0.5).to(dev.sinapsis.tensor.DType.F32);
            Tensor heldOut = test.tensor().gt(0.5).to(dev.sinapsis.tensor.DType.F32);
            Rbm rbm = new Rbm(data, HIDDEN, gen);
            Training training = m.start(rbm, data.dim(1), gen);
            Generator evalGen = new Generator(seed + 1);
            double[] x = new double[epochs + 1];
            double[] errors = new double[epochs + 1];
            errors[0] = rbm.reconstructionError(heldOut, evalGen).item();
            int steps = DIGITS / BATCH;
            int total = epochs * steps;
            for (int e = 1; e <= epochs; e++) {
                int[] order = Shuffles.permutation(DIGITS, rng);
                for (int s = 0; s < steps; s++) {
                    long[] rows = new long[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        rows[i] = order[s * BATCH + i];
                    }
                    int done = (e - 1) * steps + s;
                    try (MemoryScope step = MemoryScope.open()) {
                        training.step(data.indexSelect(0, Tensor.of(rows, BATCH)), LR * (1 - done / (double) total), gen);
                    }
                }
                x[e] = e;
                try (MemoryScope step = MemoryScope.open()) {
                    errors[e] = rbm.reconstructionError(heldOut, evalGen).item();
                }
            }
            out.printf(Locale.ROOT, "  %-6s reconstruction error %.4f -> %.4f%n", m.name(), errors[0], errors[epochs]);
            float[][] chains = gibbsChains(rbm, data.dim(1), gen);
            return new MnistRun(x, errors, rbm.weights().t().contiguous().toFloatArray(), chains);
        }
    }

    /** {@value #CHAINS} Gibbs chains from random binary images: {@code p(v | h)} at the steps of {@link #GIBBS_SHOWN}. */
    private static float[][] gibbsChains(Rbm rbm, int visible, Generator gen) {
        float[][] shown = new float[GIBBS_SHOWN.length][];
        Tensor v = Rbm.sample(Tensor.full(0.5, CHAINS, visible), gen);
        int column = 0;
        shown[column++] = v.toFloatArray();
        for (int step = 1; step <= GIBBS_SHOWN[GIBBS_SHOWN.length - 1]; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor pv = rbm.visibleProbabilities(Rbm.sample(rbm.hiddenProbabilities(v), gen));
                v.copyFrom(Rbm.sample(pv, gen));
                if (step == GIBBS_SHOWN[column]) {
                    shown[column++] = pv.toFloatArray();
                }
            }
        }
        return shown;
    }

    private static void samplesPicture(ExampleOptions options, List<float[][]> chains, int side) throws IOException {
        List<String> cols = new ArrayList<>();
        for (int s : GIBBS_SHOWN) {
            cols.add(s == 0 ? "start (noise)" : s + (s == 1 ? " step" : " steps"));
        }
        List<String> rows = new ArrayList<>();
        for (Method m : MNIST_METHODS) {
            for (int c = 0; c < CHAINS; c++) {
                rows.add(m.name() + " chain " + (c + 1));
            }
        }
        int pixels = side * side;
        ExamplePictures.imageGrid(options.out().resolve("samples.png"), new ExamplePictures.Grid(
                        "Gibbs chains of the MNIST RBMs from random images", rows.size(), GIBBS_SHOWN.length, side, side,
                        3, 4, "Gibbs steps (shown: p(v | h), white = 1)", null, cols, rows),
                (r, c, y, x) -> ExamplePictures.grey(chains.get(r / CHAINS)[c][(r % CHAINS) * pixels + y * side + x], 0, 1));
    }

    private static int filterPixel(float[] w, int unit, int pixel, int pixels) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < pixels; i++) {
            lo = Math.min(lo, w[unit * pixels + i]);
            hi = Math.max(hi, w[unit * pixels + i]);
        }
        return ExamplePictures.grey(w[unit * pixels + pixel], lo, hi);
    }
}
