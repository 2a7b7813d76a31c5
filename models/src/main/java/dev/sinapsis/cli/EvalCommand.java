package dev.sinapsis.cli;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.metrics.ConfusionMatrix;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.CheckpointChecks;
import dev.sinapsis.models.ClassifierTask;
import dev.sinapsis.models.ModelSpec;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.RunDirectory;
import dev.sinapsis.models.Trainer;
import dev.sinapsis.models.data.Fetcher;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis eval <checkpoint>}. */
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
        // a run directory: its model file if derived from the current checkpoint, else the checkpoint
        Path file = Files.isDirectory(checkpoint) ? RunDirectory.modelFile(checkpoint) : checkpoint;
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "no such file; give a run directory or a .safetensors file written by"
                    + " sinapsis train");
        }
        SafeTensors.Contents contents = SafeTensors.read(file);
        RunConfig config;
        try {
            config = RunConfig.fromMetadata(contents.metadata());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        boolean full = contents.tensors().keySet().stream().anyMatch(k -> k.startsWith("model."));
        contents.tensors().forEach((k, v) -> {
            if (!full) {
                state.put(k, v);
            } else if (k.startsWith("model.")) {
                state.put(k.substring(6), v);
            }
        });
        CheckpointChecks.requireFinite(file, state);
        Path cacheRoot = Fetcher.cacheRoot(cache, System.getenv());
        TrainingData td = data != null ? TrainingData.load(data, cacheRoot)
                : CheckpointChecks.trainedData(file, config.data(), () -> TrainingData.load(config.data(), cacheRoot));
        int limit = testLimit != null ? testLimit : data == null ? config.testLimit() : 0;
        Dataset test = limit > 0 && limit < td.test().size() ? td.test().subset(0, limit) : td.test();
        var shape = test.inputShape();
        if (!(config.model() instanceof ModelSpec spec)) {
            throw new CheckpointException(file, "holds a " + config.model().kind() + ", not an image classifier");
        }
        Module model = spec.build(shape.dim(0), shape.dim(1), shape.dim(2), test.numClasses(),
                new Generator(config.seed()), new Generator(0));
        try {
            model.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit a " + config.model() + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        ClassifierTask task = new ClassifierTask(config, model, new Generator(0), test.numClasses());
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
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", config.model().kind());
        summary.put("backend", chosen.name());
        summary.put("dataset", td.name());
        summary.put("checkpoint", file.toString());
        summary.put("test_examples", test.size());
        summary.put("test_accuracy", Math.round(cm.accuracy() * 1e6) / 1e6);
        summary.put("test_loss", Math.round(loss[0] * 1e6) / 1e6);
        summary.put("macro_f1", Math.round(cm.f1(ConfusionMatrix.Average.MACRO) * 1e6) / 1e6);
        summary.put("eval_seconds", Math.round(seconds * 1e3) / 1e3);
        summary.put("samples_per_sec", Math.round(test.size() / seconds * 10) / 10.0);
        out.println(Json.write(summary));
        out.flush();
        return 0;
    }
}
