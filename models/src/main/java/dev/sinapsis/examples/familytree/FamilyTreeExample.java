package dev.sinapsis.examples.familytree;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Charts;
import dev.sinapsis.examples.Charts.Series;
import dev.sinapsis.examples.Charts.Style;
import dev.sinapsis.examples.Diagrams;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.optim.AdamW;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * {@code sinapsis run family-tree}: chapter 7's case study. {@link FamilyTreeNetwork} learns 100
 * of the 104 family-tree queries ({@link FamilyTrees}), answers the 4 it never saw as well as it
 * can, and its 6-unit person codes come to separate the two families, though nationality was
 * never an input: a perceptron on the codes separates them, and often a single unit does.
 */
public final class FamilyTreeExample implements Example {
    /** Default epochs (full-batch steps). */
    public static final int EPOCHS = 3000;
    /** Queries held out of training. */
    public static final int HELD_OUT = 4;
    /** AdamW's learning rate. */
    public static final double LR = 0.06;
    /**
     * Decoupled weight decay: it keeps the weights small, as Hinton's decay did, and helps the
     * held-out answers (Adam's coupled L2 penalty instead freezes these logistic layers).
     */
    public static final double WEIGHT_DECAY = 0.05;

    @Override
    public String name() {
        return "family-tree";
    }

    @Override
    public String summary() {
        return "ch. 7: Hinton's family-tree network: 104 kinship queries, held-out answers, person codes"
                + " that separate the two families";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochsOr(EPOCHS);
        if (epochs < 1 || epochs > 100_000) {
            throw new ConfigException("--epochs must be in [1, 100000], got " + epochs);
        }
        FamilyTrees data = FamilyTrees.load();
        Split split = Split.of(data, HELD_OUT, options.seed());
        try (MemoryScope scope = MemoryScope.open()) {
            FamilyTreeNetwork net = new FamilyTreeNetwork(data.people().size(), FamilyTrees.RELATIONS.size(),
                    new Generator(options.seed()));
            out.printf(Locale.ROOT, "Family trees (Hinton 1986): %d people, %d relations, %d queries (%d facts); %d for"
                            + " training, %d held out; %,d parameters; AdamW lr %.2f, weight decay %.2f, %d epochs, seed %d,"
                            + " backend %s%n", data.people().size(), FamilyTrees.RELATIONS.size(), data.queries().size(),
                    data.facts(), split.train().size(), split.test().size(), net.parameterCount(), LR, WEIGHT_DECAY,
                    epochs, options.seed(), Backends.current().name());
            Probe before = Probe.of(codes(net), data.english());
            Training t = train(net, data, split, epochs, out);
            Evaluation train = Evaluation.of(net, data, split.train());
            Evaluation test = Evaluation.of(net, data, split.test());
            out.printf(Locale.ROOT, "Training queries answered exactly: %d/%d%n", train.correct(), train.total());
            out.printf(Locale.ROOT, "Held-out queries answered exactly:  %d/%d%n", test.correct(), test.total());
            for (String line : test.lines()) {
                out.println("  " + line);
            }
            Probe after = Probe.of(codes(net), data.english());
            out.printf(Locale.ROOT, "Person codes and nationality (never an input): before training %s; after training"
                    + " %s%n", before.describe(), after.describe());

            writePictures(options, net, data, t, epochs);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("example", name());
            summary.put("backend", Backends.current().name());
            summary.put("epochs", epochs);
            summary.put("seed", options.seed());
            summary.put("parameters", net.parameterCount());
            summary.put("queries", data.queries().size());
            summary.put("facts", data.facts());
            summary.put("train_queries", train.total());
            summary.put("train_answered", train.correct());
            summary.put("heldout_queries", test.total());
            summary.put("heldout_answered", test.correct());
            summary.put("heldout", test.lines());
            summary.put("final_train_loss", t.train().get(epochs - 1));
            summary.put("final_heldout_loss", t.test().get(epochs - 1));
            summary.put("codes_separable_by_perceptron", after.perceptronEpoch() > 0);
            summary.put("perceptron_epochs", after.perceptronEpoch() > 0 ? after.perceptronEpoch() : null);
            summary.put("separating_unit", after.unit() >= 0 ? after.unit() + 1 : null);
            summary.put("separating_unit_margin", after.unit() >= 0 ? after.margin() : null);
            summary.put("untrained_codes_separable_by_perceptron", before.perceptronEpoch() > 0);
            summary.put("out", options.out().toString());
            RunFiles.writeSummary(options.out(), Json.write(summary));
            out.println("Wrote " + options.out() + "/summary.json, person-codes.png, loss.png");
            return summary;
        }
    }

    /**
     * The loss curves.
     *
     * @param train the training loss after each epoch
     * @param test  the held-out loss after each epoch
     */
    record Training(List<Double> train, List<Double> test) {
    }

    /** Full-batch training with Adam on {@link #loss}. */
    static Training train(FamilyTreeNetwork net, FamilyTrees data, Split split, int epochs, PrintStream out) {
        return train(net, data, split, epochs, LR, WEIGHT_DECAY, out);
    }

    static Training train(FamilyTreeNetwork net, FamilyTrees data, Split split, int epochs, double lr, double wd,
                          PrintStream out) {
        Batch train = Batch.of(data, split.train());
        Batch test = Batch.of(data, split.test());
        Optimizer adam = AdamW.builder(net.parameters()).lr(lr).weightDecay(wd).build();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> testLoss = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            try (MemoryScope step = MemoryScope.open()) {
                Tensor loss = loss(net, train);
                adam.zeroGrad();
                loss.backward();
                adam.step();
                trainLoss.add(loss.item());
                try (var ignored = Autograd.noGrad()) {
                    testLoss.add(loss(net, test).item());
                }
            }
            if (out != null && (e == 1 || e % Math.max(1, epochs / 5) == 0)) {
                out.printf(Locale.ROOT, "epoch %d/%d  loss %.5f  held-out loss %.5f%n", e, epochs, trainLoss.get(e - 1),
                        testLoss.get(e - 1));
            }
        }
        return new Training(trainLoss, testLoss);
    }

    /**
     * The cross-entropy between the softmax over the 24 people and the answers spread evenly
     * (1, or ½ and ½ for two answers), averaged over the queries.
     */
    static Tensor loss(FamilyTreeNetwork net, Batch b) {
        Tensor logP = Activations.logSoftmax(net.forward(b.persons(), b.relations()), 1);
        Tensor target = b.targets().div(b.targets().sum(new int[] {1}, true));
        return logP.mul(target).sum(new int[] {1}, false).mean().neg();
    }

    /** The person codes as host rows. */
    static double[][] codes(FamilyTreeNetwork net) {
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            return rows(net.personCodes());
        }
    }

    static double[][] rows(Tensor t) {
        float[] v = t.contiguous().toFloatArray();
        int cols = t.dim(1);
        double[][] out = new double[t.dim(0)][cols];
        for (int i = 0; i < v.length; i++) {
            out[i / cols][i % cols] = v[i];
        }
        return out;
    }

    private static void writePictures(ExampleOptions options, FamilyTreeNetwork net, FamilyTrees data, Training t,
                                      int epochs) throws IOException {
        double[][] weights;
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            weights = rows(net.personWeights());
        }
        String[] rowNames = new String[data.people().size()];
        for (int i = 0; i < rowNames.length; i++) {
            rowNames[i] = data.people().get(i) + (data.english().get(i) ? " (English)" : " (Italian)");
        }
        String[] columns = new String[FamilyTreeNetwork.CODE];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = Integer.toString(k + 1);
        }
        Diagrams.hinton(options.out().resolve("person-codes.png"), "Family tree: weights from each person to the"
                        + " 6 code units", rowNames, columns, weights, new int[] {data.people().size() / 2},
                "rows: person 1 inputs (English, then Italian in the same places); columns: code units");
        double[] x = new double[epochs];
        double[] train = new double[epochs];
        double[] test = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            x[e] = e + 1;
            train[e] = t.train().get(e);
            test[e] = t.test().get(e);
        }
        XYChart chart = Charts.xy("Family tree: cross-entropy of the answers", "epoch",
                "loss (log scale)", List.of(new Series("100 training queries", x, train, Style.LINE,
                        new Color(0x1f, 0x77, 0xb4)), new Series("4 held-out queries", x, test, Style.LINE,
                        new Color(0xd6, 0x27, 0x28))), 800, 500);
        chart.getStyler().setYAxisLogarithmic(true);
        Charts.save(options.out().resolve("loss.png"), chart);
    }
}
