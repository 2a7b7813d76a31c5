package dev.sinapsis.cli;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.metrics.ConfusionMatrix;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.CheckpointChecks;
import dev.sinapsis.models.ClassifierTask;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.models.SequenceModelSpec;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.Trainer;
import dev.sinapsis.models.data.Fetcher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis eval <checkpoint>}: any classifier {@code train} made (images or text). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained model on a test split: accuracy, confusion matrix, per-class"
                + " precision/recall/F1 and one JSON line.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT",
            description = "A run directory (--out of sinapsis train), or its model.safetensors or checkpoint.safetensors.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "SOURCE", description = "Test data (default: the data the model was trained on).")
    String data;

    @Option(names = "--cache", paramLabel = "DIR", description = "Dataset cache (default: $SINAPSIS_DATA, else ~/.cache/sinapsis).")
    Path cache;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: the best available).")
    String backend;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: 500).")
    int batch = 500;

    @Option(names = "--test-limit", paramLabel = "N",
            description = "Use only the first N test examples (default: as in training; 0: all).")
    Integer testLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code config} with its data source replaced. */
    private static RunConfig withData(RunConfig c, String data) {
        return new RunConfig(c.model(), data, c.epochs(), c.batchSize(), c.lr(), c.optimizer(), c.weightDecay(),
                c.schedule(), c.patience(), c.seed(), c.trainLimit(), c.testLimit());
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = Streams.out(spec);
        if (batch <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be positive, got " + batch);
        }
        if (testLimit != null && testLimit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--test-limit must be >= 0, got " + testLimit);
        }
        Backend chosen = backend == null ? Backends.current() : Backends.use(backend);
        TrainedModel trained = TrainedModel.open(checkpoint);
        Path file = trained.file();
        RunConfig config = trained.config();
        Path cacheRoot = Fetcher.cacheRoot(cache, System.getenv());
        Vocabulary vocab = config.model() instanceof SequenceModelSpec
                ? SequenceClassifierTask.vocabulary(file, trained.metadata()) : null;
        RunConfig source = data != null ? withData(config, data) : config;
        RunData td;
        try {
            td = data != null ? RunData.load(source, cacheRoot, vocab, false)
                    : CheckpointChecks.trainedData(file, config.data(),
                            () -> RunData.load(source, cacheRoot, vocab, false));
        } catch (ConfigException e) {
            if (data != null) {
                throw e; // the data the user named does not fit the model
            }
            throw new CheckpointException(file, e.getMessage(), e);
        }
        int limit = testLimit != null ? testLimit : data == null ? config.testLimit() : 0;
        Dataset test = limit > 0 && limit < td.test().size() ? td.test().subset(0, limit) : td.test();
        ClassifierTask task = (ClassifierTask) td.task();
        try {
            task.model().loadStateDict(trained.weights());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit a " + config.model() + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        Map<String, Double> figures = Trainer.evaluate(task, test, batch);
        double[] loss = {figures.get("loss")};
        ConfusionMatrix cm = task.confusion();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "Evaluated %s from %s on %s (%,d test examples, backend %s) in %.1fs%n", config.model(),
                file, td.name(), test.size(), chosen.name(), seconds);
        out.printf(Locale.ROOT, "Test accuracy: %.4f   test loss %.4f%n%n", cm.accuracy(), loss[0]);
        out.println("Confusion matrix (rows: true class, columns: predicted):");
        out.print(cm.toString());
        out.println();
        out.print(cm.report());
        out.println();
        double auc = figures.getOrDefault("auc", Double.NaN);
        if (!Double.isNaN(auc)) {
            out.printf(Locale.ROOT, "ROC-AUC: %.4f%n%n", auc);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", config.model().kind());
        summary.put("backend", chosen.name());
        summary.put("dataset", td.name());
        summary.put("checkpoint", file.toString());
        summary.put("test_examples", test.size());
        summary.put("test_accuracy", Math.round(cm.accuracy() * 1e6) / 1e6);
        summary.put("test_loss", Math.round(loss[0] * 1e6) / 1e6);
        summary.put("macro_f1", Math.round(cm.f1(ConfusionMatrix.Average.MACRO) * 1e6) / 1e6);
        if (!Double.isNaN(auc)) {
            summary.put("roc_auc", Math.round(auc * 1e6) / 1e6);
        }
        summary.put("eval_seconds", Math.round(seconds * 1e3) / 1e3);
        summary.put("samples_per_sec", Math.round(test.size() / seconds * 10) / 10.0);
        out.println(Json.write(summary));
        out.flush();
        return 0;
    }
}
