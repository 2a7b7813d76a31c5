package dev.sinapsis.examples.tagging;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePlots;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.nn.functional.CrossEntropyOptions;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run tagger}: trains {@link TaggerModel} on the training sentences of
 * {@link TaggedCorpus} and reports per-token accuracy on the held-out sentences next to the
 * {@link MostFrequentTag} baseline, overall and on words unseen in training.
 */
public final class TaggerExample implements Example {
    /** Default epochs. */
    public static final int EPOCHS = 30;
    private static final int BATCH = 8;
    private static final double LR = 1e-2;
    private static final double WORD_DROPOUT = 0.3;

    @Override
    public String name() {
        return "tagger";
    }

    @Override
    public String summary() {
        return "ch. 15: part-of-speech tagging with a bidirectional LSTM, against the most-frequent-tag baseline";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 1000) {
            throw new ConfigException("--epochs must be in [1, 1000], got " + epochs);
        }
        List<TaggedSentence> all = TaggedCorpus.load();
        List<TaggedSentence> train = all.stream().filter(s -> !s.heldOut()).toList();
        List<TaggedSentence> test = all.stream().filter(TaggedSentence::heldOut).toList();
        Features features = new Features(train);
        MostFrequentTag baseline = new MostFrequentTag(train);
        Generator gen = new Generator(options.seed());
        SplittableRandom rng = new SplittableRandom(options.seed());
        TaggerModel model = new TaggerModel(features, 32, 16, 32, gen);
        Adam adam = Adam.builder(model.parameters()).lr(LR).build();
        int trainTokens = train.stream().mapToInt(TaggedSentence::length).sum();
        int testTokens = test.stream().mapToInt(TaggedSentence::length).sum();
        out.printf(Locale.ROOT, "Tagger: %d training sentences (%,d tokens), %d held out (%,d tokens), %d tags;"
                        + " %,d parameters, backend %s%n", train.size(), trainTokens, test.size(), testTokens,
                features.tags().size(), model.parameterCount(), Backends.current().name());
        out.printf(Locale.ROOT, "epochs %d, batch %d, adam lr %.0e, word dropout %.1f, seed %d%n", epochs, BATCH, LR,
                WORD_DROPOUT, options.seed());
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<TaggedSentence> order = shuffled(train, rng);
            double sum = 0;
            int batches = 0;
            model.train();
            for (int i = 0; i < order.size(); i += BATCH) {
                TagBatch batch = TagBatch.of(order.subList(i, Math.min(order.size(), i + BATCH)), features, rng,
                        WORD_DROPOUT);
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = loss(model, batch, features);
                    double l = loss.item();
                    if (!Double.isFinite(l)) {
                        throw new IllegalStateException("tagger: the loss became " + l);
                    }
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                    sum += l;
                    batches++;
                }
            }
            losses.add(sum / batches);
            double acc = evaluate(model, features, test, baseline).accuracy();
            accuracies.add(acc);
            if (epoch == 1 || epoch % 5 == 0 || epoch == epochs) {
                out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  held-out accuracy %.4f%n", epoch, epochs, sum / batches,
                        acc);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Scores model1 = evaluate(model, features, test, baseline);
        Scores base = baselineScores(baseline, test);
        out.printf(Locale.ROOT, "%nHeld-out per-token accuracy (%d tokens, %d of them unseen in training):%n", testTokens,
                model1.unknownTotal());
        out.printf(Locale.ROOT, "  biLSTM tagger          %.4f   on unseen words %.4f%n", model1.accuracy(),
                model1.unknownAccuracy());
        out.printf(Locale.ROOT, "  most-frequent-tag      %.4f   on unseen words %.4f%n", base.accuracy(),
                base.unknownAccuracy());
        TaggedSentence shown = test.get(0);
        List<String> predicted = tag(model, features, shown);
        StringBuilder line = new StringBuilder("Example (word/predicted tag, the true tag in parentheses where they differ): ");
        for (int i = 0; i < shown.length(); i++) {
            line.append(shown.words().get(i)).append('/').append(predicted.get(i));
            if (!predicted.get(i).equals(shown.tags().get(i))) {
                line.append("(").append(shown.tags().get(i)).append(")");
            }
            line.append(' ');
        }
        out.println(line.toString().strip());
        List<Double> baselineLine = new ArrayList<>();
        accuracies.forEach(a -> baselineLine.add(base.accuracy()));
        ExamplePlots.lineChart(options.out().resolve("loss.png"), "tagger: training loss", "epoch",
                "cross-entropy per token", Map.of("train", losses));
        ExamplePlots.lineChart(options.out().resolve("accuracy.png"), "tagger: held-out per-token accuracy", "epoch",
                "accuracy", Map.of("biLSTM tagger", accuracies, "most-frequent-tag baseline", baselineLine));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("example", name());
        summary.put("backend", Backends.current().name());
        summary.put("epochs", epochs);
        summary.put("seed", options.seed());
        summary.put("parameters", model.parameterCount());
        summary.put("train_tokens", trainTokens);
        summary.put("heldout_tokens", testTokens);
        summary.put("heldout_accuracy", round(model1.accuracy()));
        summary.put("baseline_accuracy", round(base.accuracy()));
        summary.put("heldout_unseen_accuracy", round(model1.unknownAccuracy()));
        summary.put("baseline_unseen_accuracy", round(base.unknownAccuracy()));
        summary.put("final_train_loss", round(losses.get(losses.size() - 1)));
        summary.put("train_seconds", Math.round(seconds * 10) / 10.0);
        summary.put("out", options.out().toString());
        RunFiles.writeSummary(options.out(), Json.write(summary));
        out.println("Wrote " + options.out() + "/summary.json, loss.png, accuracy.png");
        out.println(Json.write(summary));
        return summary;
    }

    private static Tensor loss(TaggerModel model, TagBatch batch, Features features) {
        Tensor scores = model.forward(batch);
        int n = batch.lengths().length * batch.words().dim(1);
        return Losses.crossEntropy(scores.reshape(n, features.tags().size()), batch.tags().reshape(n),
                CrossEntropyOptions.DEFAULTS.withIgnoreIndex(TagBatch.IGNORE));
    }

    /** Accuracy overall and on the words the training sentences never contain. */
    record Scores(int correct, int total, int unknownCorrect, int unknownTotal) {
        double accuracy() {
            return (double) correct / total;
        }

        double unknownAccuracy() {
            return unknownTotal == 0 ? Double.NaN : (double) unknownCorrect / unknownTotal;
        }
    }

    static Scores evaluate(TaggerModel model, Features features, List<TaggedSentence> test, MostFrequentTag known) {
        int correct = 0;
        int total = 0;
        int uc = 0;
        int ut = 0;
        for (TaggedSentence s : test) {
            List<String> p = tag(model, features, s);
            for (int i = 0; i < s.length(); i++) {
                boolean ok = p.get(i).equals(s.tags().get(i));
                correct += ok ? 1 : 0;
                total++;
                if (!known.known(s.words().get(i))) {
                    uc += ok ? 1 : 0;
                    ut++;
                }
            }
        }
        return new Scores(correct, total, uc, ut);
    }

    static Scores baselineScores(MostFrequentTag baseline, List<TaggedSentence> test) {
        int correct = 0;
        int total = 0;
        int uc = 0;
        int ut = 0;
        for (TaggedSentence s : test) {
            for (int i = 0; i < s.length(); i++) {
                boolean ok = baseline.tag(s.words().get(i)).equals(s.tags().get(i));
                correct += ok ? 1 : 0;
                total++;
                if (!baseline.known(s.words().get(i))) {
                    uc += ok ? 1 : 0;
                    ut++;
                }
            }
        }
        return new Scores(correct, total, uc, ut);
    }

    /** The model's tags for one sentence. */
    static List<String> tag(TaggerModel model, Features features, TaggedSentence s) {
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor scores = model.forward(TagBatch.of(List.of(s), features, null, 0));
            long[] best = scores.argmax(2, false).toLongArray();
            List<String> out = new ArrayList<>(s.length());
            for (int i = 0; i < s.length(); i++) {
                out.add(features.tags().get((int) best[i]));
            }
            return out;
        } finally {
            model.train();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static List<TaggedSentence> shuffled(List<TaggedSentence> rows, SplittableRandom rng) {
        List<TaggedSentence> copy = new ArrayList<>(rows);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            TaggedSentence t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy;
    }
}
