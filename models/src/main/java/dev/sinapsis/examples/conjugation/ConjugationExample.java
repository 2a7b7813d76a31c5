package dev.sinapsis.examples.conjugation;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePlots;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.io.Json;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.GradClip;
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
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run conjugation}: trains {@link ConjugationModel} on the training verbs of
 * {@link VerbCorpus} with teacher forcing and reports greedy-decoding exact-match accuracy on the
 * held-out regular and irregular verbs, a few predictions, the loss curve and an attention map.
 */
public final class ConjugationExample implements Example {
    /** Default epochs. */
    public static final int EPOCHS = 2;
    /** Default teacher-forcing ratio. */
    public static final double TEACHER_FORCING = 0.5;
    private static final int BATCH = 64;
    private static final double LR = 3e-3;
    private static final int MAX_STEPS = 20;
    private static final int LOSS_EVERY = 25;

    @Override
    public String name() {
        return "conjugation";
    }

    @Override
    public String summary() {
        return "ch. 15: Spanish verb conjugation, character encoder-decoder with attention and teacher forcing";
    }

    @Override
    public Set<String> extraOptions() {
        return Set.of("--teacher-forcing");
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        double tf = options.teacherForcing() == null ? TEACHER_FORCING : options.teacherForcing();
        if (epochs < 1 || epochs > 1000) {
            throw new ConfigException("--epochs must be in [1, 1000], got " + epochs);
        }
        if (!(tf >= 0 && tf <= 1)) {
            throw new ConfigException("--teacher-forcing must be a ratio in [0, 1], got " + tf);
        }
        List<VerbForm> rows = VerbCorpus.load();
        Symbols symbols = new Symbols(rows);
        List<VerbForm> train = new ArrayList<>();
        List<VerbForm> heldRegular = new ArrayList<>();
        List<VerbForm> heldIrregular = new ArrayList<>();
        for (VerbForm r : rows) {
            (r.heldOut() ? (r.regular() ? heldRegular : heldIrregular) : train).add(r);
        }
        Generator gen = new Generator(options.seed());
        SplittableRandom rng = new SplittableRandom(options.seed());
        ConjugationModel model = new ConjugationModel(symbols.size(), 32, 64, 128, 64, gen);
        Adam adam = Adam.builder(model.parameters()).lr(LR).build();
        out.printf(Locale.ROOT, "Conjugation: %,d training forms (%d verbs), held out %d regular and %d irregular"
                        + " verbs; %,d parameters, backend %s%n", train.size(), train.size() / 24,
                heldRegular.size() / 24, heldIrregular.size() / 24, model.parameterCount(), Backends.current().name());
        out.printf(Locale.ROOT, "epochs %d, batch %d, adam lr %.0e, teacher forcing %.2f, seed %d%n", epochs, BATCH,
                LR, tf, options.seed());
        List<Double> losses = new ArrayList<>();           // mean loss of every LOSS_EVERY steps
        double window = 0;
        int inWindow = 0;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            List<VerbForm> order = shuffled(train, rng);
            double sum = 0;
            int batches = 0;
            model.train();
            for (int i = 0; i < order.size(); i += BATCH) {
                Batch batch = Batch.of(order.subList(i, Math.min(order.size(), i + BATCH)), symbols);
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = model.loss(batch, tf, rng);
                    double l = loss.item();
                    if (!Double.isFinite(l)) {
                        throw new IllegalStateException("conjugation: the loss became " + l);
                    }
                    adam.zeroGrad();
                    loss.backward();
                    GradClip.clipGradNorm(model.parameters(), 1.0);
                    adam.step();
                    sum += l;
                    batches++;
                    window += l;
                    if (++inWindow == LOSS_EVERY) {
                        losses.add(window / inWindow);
                        window = 0;
                        inWindow = 0;
                    }
                }
            }
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  %.1fs%n", epoch, epochs, sum / batches,
                    (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double regular = accuracy(model, symbols, heldRegular);
        double irregular = accuracy(model, symbols, heldIrregular);
        Map<String, Double> kinds = byKind(model, symbols, heldIrregular);
        out.printf(Locale.ROOT, "%nHeld-out exact match: regular verbs %.4f (%d forms), irregular verbs %.4f (%d forms)%n",
                regular, heldRegular.size(), irregular, heldIrregular.size());
        out.println("  irregular verbs by kind: " + kinds.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "))
                + " (spelling: busqué; stem: pienso, envío; irregular: tengo, fui)");
        out.println("Some held-out predictions (input -> predicted, expected):");
        List<VerbForm> examples = examples(heldRegular, heldIrregular);
        for (VerbForm r : examples) {
            String p = predict(model, symbols, List.of(r)).get(0);
            out.printf(Locale.ROOT, "  %-12s %s %-10s -> %-14s %s %s%n", r.infinitive(), r.person(), r.tense(), p,
                    r.form(), p.equals(r.form()) ? "ok" : "(wrong)");
        }
        VerbForm mapped = examples.get(examples.size() - 1);    // an irregular form: attention off the diagonal
        ConjugationModel.Decoded d;
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            d = model.decode(Batch.of(List.of(mapped), symbols), MAX_STEPS);
        }
        ExamplePlots.lineChart(options.out().resolve("loss.png"), "conjugation: training loss (mean of each "
                + LOSS_EVERY + " steps)", "training step (batch of " + BATCH + ")", "cross-entropy per character",
                Map.of("train", losses), LOSS_EVERY);
        ExamplePlots.attentionMap(options.out().resolve("attention.png"),
                "attention: " + mapped.infinitive() + " " + mapped.person() + " " + mapped.tense() + " -> "
                        + symbols.text(d.ids()[0]),
                sourceLabels(symbols, mapped), targetLabels(symbols, d.ids()[0]), d.attention(0));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("example", name());
        summary.put("backend", Backends.current().name());
        summary.put("epochs", epochs);
        summary.put("teacher_forcing", tf);
        summary.put("seed", options.seed());
        summary.put("parameters", model.parameterCount());
        summary.put("train_forms", train.size());
        summary.put("heldout_regular_forms", heldRegular.size());
        summary.put("heldout_irregular_forms", heldIrregular.size());
        summary.put("heldout_regular_exact_match", round(regular));
        summary.put("heldout_irregular_exact_match", round(irregular));
        summary.put("heldout_irregular_by_kind", kinds);
        summary.put("final_train_loss", round(losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1)));
        summary.put("train_seconds", Math.round(seconds * 10) / 10.0);
        summary.put("out", options.out().toString());
        RunFiles.writeSummary(options.out(), Json.write(summary));
        out.println("Wrote " + options.out() + "/summary.json, loss.png, attention.png");
        out.println(Json.write(summary));
        return summary;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static List<VerbForm> shuffled(List<VerbForm> rows, SplittableRandom rng) {
        List<VerbForm> copy = new ArrayList<>(rows);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            VerbForm t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy;
    }

    /** Exact-match accuracy of greedy decoding over {@code rows}. */
    static double accuracy(ConjugationModel model, Symbols symbols, List<VerbForm> rows) {
        int correct = 0;
        for (int i = 0; i < rows.size(); i += 256) {
            List<VerbForm> part = rows.subList(i, Math.min(rows.size(), i + 256));
            List<String> predicted = predict(model, symbols, part);
            for (int j = 0; j < part.size(); j++) {
                if (predicted.get(j).equals(part.get(j).form())) {
                    correct++;
                }
            }
        }
        return rows.isEmpty() ? Double.NaN : (double) correct / rows.size();
    }

    /** Greedy predictions for {@code rows}. */
    static List<String> predict(ConjugationModel model, Symbols symbols, List<VerbForm> rows) {
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            ConjugationModel.Decoded d = model.decode(Batch.of(rows, symbols), MAX_STEPS);
            List<String> out = new ArrayList<>(rows.size());
            for (int[] ids : d.ids()) {
                out.add(symbols.text(ids));
            }
            return out;
        } finally {
            model.train();
        }
    }

    /** Four forms of the first held-out regular verb, two of each of the first four held-out irregular verbs. */
    private static List<VerbForm> examples(List<VerbForm> regular, List<VerbForm> irregular) {
        List<VerbForm> out = new ArrayList<>();
        String first = regular.get(0).infinitive();
        for (VerbForm r : regular) {
            if (r.infinitive().equals(first) && List.of("presente/1s", "indefinido/2s", "imperfecto/1p", "futuro/3p")
                    .contains(r.tense() + "/" + r.person())) {
                out.add(r);
            }
        }
        List<String> verbs = irregular.stream().map(VerbForm::infinitive).distinct().limit(4).toList();
        for (VerbForm r : irregular) {
            if (verbs.contains(r.infinitive()) && List.of("presente/1s", "indefinido/3s")
                    .contains(r.tense() + "/" + r.person())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Exact match of the held-out irregular verbs by kind of irregularity. */
    private static Map<String, Double> byKind(ConjugationModel model, Symbols symbols, List<VerbForm> rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String kind : List.of("spelling", "stem", "irregular")) {
            List<VerbForm> part = rows.stream().filter(r -> r.kind().equals(kind)).toList();
            if (!part.isEmpty()) {
                out.put(kind, round(accuracy(model, symbols, part)));
            }
        }
        return out;
    }

    private static String[] sourceLabels(Symbols symbols, VerbForm r) {
        int[] ids = symbols.source(r);
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = symbols.symbol(ids[i]);
        }
        return out;
    }

    private static String[] targetLabels(Symbols symbols, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(symbols.symbol(id));
            if (id == Symbols.EOS) {
                break;
            }
        }
        return out.toArray(new String[0]);
    }
}
