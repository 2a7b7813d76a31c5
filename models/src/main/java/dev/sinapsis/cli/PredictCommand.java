package dev.sinapsis.cli;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.data.text.TextDataset;
import dev.sinapsis.data.text.Tokenizer;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.SequenceClassifier;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.models.SequenceModelSpec;
import dev.sinapsis.models.data.Imdb;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis predict RUN_DIR [TEXT...]}: the sentiment of reviews by a trained lstm or gru. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify reviews with a text model trained by sinapsis train lstm or gru: for each, the label"
                + " and the probability that it is positive.",
                "Reviews come from the arguments, or from standard input, one per line, when none is given (or '-')."})
final class PredictCommand implements Callable<Integer> {
    /** Reviews classified together. */
    private static final int BATCH = 64;

    @Parameters(index = "0", paramLabel = "RUN_DIR",
            description = "A run directory (--out of sinapsis train lstm|gru), or its model.safetensors or checkpoint.safetensors.")
    Path run;

    @Parameters(index = "1..*", paramLabel = "TEXT", arity = "0..*",
            description = "Reviews to classify (none, or '-': one per line from standard input).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per review: text, label, probability (of positive).")
    boolean json;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: the best available).")
    String backend;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Streams.out(spec);
        if (backend != null) {
            Backends.use(backend);
        }
        TrainedModel trained = TrainedModel.open(run);
        if (!(trained.config().model() instanceof SequenceModelSpec modelSpec)) {
            throw new CheckpointException(trained.file(), "holds a " + trained.config().model().kind() + ", not a text"
                    + " model; predict takes a run of sinapsis train lstm or gru (eval evaluates image models)");
        }
        Vocabulary vocab = SequenceClassifierTask.vocabulary(trained.file(), trained.metadata());
        SequenceClassifier model = new SequenceClassifier(modelSpec, Imdb.LABELS.size(), new Generator(0),
                new Generator(0), new Generator(0));
        try {
            model.loadStateDict(trained.weights());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(trained.file(), "does not fit a " + modelSpec + ": " + e.getMessage(), e);
        }
        model.eval();
        boolean stdin = texts.isEmpty() || texts.equals(List.of("-"));
        if (stdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Streams.in(), StandardCharsets.UTF_8));
            List<String> pending = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                pending.add(line);
                if (pending.size() == BATCH) {
                    print(out, pending, classify(model, vocab, modelSpec, pending));
                    pending.clear();
                }
            }
            print(out, pending, classify(model, vocab, modelSpec, pending));
        } else {
            for (int from = 0; from < texts.size(); from += BATCH) {
                List<String> part = texts.subList(from, Math.min(texts.size(), from + BATCH));
                print(out, part, classify(model, vocab, modelSpec, part));
            }
        }
        out.flush();
        return 0;
    }

    /** The probability that each review is positive. */
    static double[] classify(SequenceClassifier model, Vocabulary vocab, SequenceModelSpec spec, List<String> reviews) {
        int n = reviews.size();
        if (n == 0) {
            return new double[0];
        }
        int[][] ids = new int[n][];
        int steps = 1;
        for (int i = 0; i < n; i++) {
            ids[i] = TextDataset.encode(vocab.encode(Tokenizer.tokenize(reviews.get(i))), spec.maxLength(),
                    spec.keepPart());
            steps = Math.max(steps, ids[i].length);
        }
        long[] padded = new long[n * steps];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = ids[i].length;
            for (int t = 0; t < ids[i].length; t++) {
                padded[i * steps + t] = ids[i][t];
            }
        }
        try (var noGrad = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Tensor probs = Activations.softmax(model.forward(Tensor.of(padded, n, steps), lengths), 1);
            double[] p = probs.toDoubleArray();
            double[] positive = new double[n];
            for (int i = 0; i < n; i++) {
                positive[i] = p[2 * i + 1];
            }
            return positive;
        }
    }

    private void print(PrintStream out, List<String> reviews, double[] positive) {
        for (int i = 0; i < reviews.size(); i++) {
            String label = Imdb.LABELS.get(positive[i] >= 0.5 ? 1 : 0);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("text", reviews.get(i));
                o.put("label", label);
                o.put("probability", Math.round(positive[i] * 1e6) / 1e6);
                out.println(Json.write(o));
            } else {
                String text = reviews.get(i).strip();
                String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
                out.printf(Locale.ROOT, "%-8s  %.4f  %s%n", label, positive[i], shown);
            }
        }
    }
}
