package dev.sinapsis.models;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.nn.Module;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Trainer}'s checkpoint: what it saves (model and optimizer tensors, the run config, the
 * {@link TrainingState}, the dropout generator's counter) into its {@link RunDirectory}, and
 * loading it back. Non-finite weights or optimizer state are refused, so the checkpoint only ever
 * holds a finite state.
 */
final class RunCheckpoint {
    private static final String DROPOUT_SEED = "sinapsis.rng.dropout.seed";
    private static final String DROPOUT_OFFSET = "sinapsis.rng.dropout.offset";

    private final RunConfig config;
    private final RunDirectory files;
    private final Module model;
    private final Optimizer optimizer;
    private final Generator dropoutGen;
    private final TrainingState state;
    private String lastSaved;

    RunCheckpoint(RunConfig config, RunDirectory files, Module model, Optimizer optimizer, Generator dropoutGen,
                  TrainingState state) {
        this.config = config;
        this.files = files;
        this.model = model;
        this.optimizer = optimizer;
        this.dropoutGen = dropoutGen;
        this.state = state;
    }

    Path file() {
        return files.dir().resolve(RunDirectory.CHECKPOINT);
    }

    /** "; DIR/checkpoint.safetensors keeps the last finite state (epoch E, step S)", for error messages. */
    String kept() {
        return lastSaved == null ? "; no checkpoint was saved yet"
                : "; " + file() + " keeps the last finite state (" + lastSaved + ")";
    }

    /** Saves the state as it is now; refuses (with the checkpoint untouched) if anything is non-finite. */
    void save() throws IOException {
        try (MemoryScope saveScope = MemoryScope.open()) { // releases the optimizer's state copies
            Map<String, Tensor> weights = model.stateDict();
            Map<String, Tensor> optimizerState = optimizer.stateDict();
            String bad = firstNonFinite(weights, "weight ");
            bad = bad != null ? bad : firstNonFinite(optimizerState, "optimizer state ");
            if (bad != null) {
                throw new TrainingDivergedException(bad + " became non-finite by " + state.position()
                        + " and was not saved" + kept());
            }
            Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
            meta.put("format", "pt");
            state.write(meta);
            meta.put(DROPOUT_SEED, Long.toString(dropoutGen.seed()));
            meta.put(DROPOUT_OFFSET, Long.toString(dropoutGen.offset()));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            weights.forEach((k, v) -> tensors.put("model." + k, v));
            optimizerState.forEach((k, v) -> tensors.put("optimizer." + k, v));
            files.save(tensors, meta, weights, modelMetadata(), state.history);
        }
        lastSaved = state.position();
    }

    /**
     * Loads the checkpoint into the model, optimizer, state and dropout generator, then removes
     * stale temporaries and re-derives the model file and metrics from it.
     *
     * @throws CheckpointException if it was written by another configuration or does not fit
     */
    void load(int batchesPerEpoch) throws IOException {
        Path file = file();
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        try {
            RunConfig saved = RunConfig.fromMetadata(meta);
            if (!saved.withEpochs(config.epochs()).equals(config)) {
                throw new CheckpointException(file, "was written by a run configured differently: " + saved
                        + " (this run: " + config + ")");
            }
            Map<String, Tensor> modelState = new LinkedHashMap<>();
            Map<String, Tensor> optimizerState = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                if (e.getKey().startsWith("model.")) {
                    modelState.put(e.getKey().substring(6), e.getValue());
                } else if (e.getKey().startsWith("optimizer.")) {
                    optimizerState.put(e.getKey().substring(10), e.getValue());
                }
            }
            model.loadStateDict(modelState);
            optimizer.loadStateDict(optimizerState);
            state.read(meta);
            long dropoutSeed = Long.parseLong(ModelSpec.require(meta, DROPOUT_SEED));
            if (dropoutSeed != dropoutGen.seed()) {
                throw new CheckpointException(file, "dropout seed " + dropoutSeed + " differs from this run's");
            }
            long offset = Long.parseLong(ModelSpec.require(meta, DROPOUT_OFFSET));
            dropoutGen.reserve(offset - dropoutGen.offset());
            if (state.batchesDone > batchesPerEpoch) {
                throw new CheckpointException(file, "is " + state.batchesDone + " batches into an epoch of "
                        + batchesPerEpoch);
            }
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit this run: " + e.getMessage(), e);
        }
        lastSaved = state.position();
        files.removeStaleTemporaries();
        try (MemoryScope scope = MemoryScope.open()) {
            files.writeDerived(model.stateDict(), modelMetadata(), state.history);
        }
    }

    /** The derived model file's metadata: the config and the checkpoint's stamp (run id, epoch, step). */
    private Map<String, String> modelMetadata() {
        Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
        meta.put("format", "pt");
        meta.put(TrainingState.RUN_ID, state.runId);
        meta.put(TrainingState.EPOCH, Integer.toString(state.epochsDone));
        meta.put(TrainingState.STEP, Long.toString(state.step));
        return meta;
    }

    /** "weight 'fc1.weight'" for the first tensor holding a NaN or infinity, or null. */
    private static String firstNonFinite(Map<String, Tensor> tensors, String what) {
        try (var ignored = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue();
                // x - x is 0 for finite x and NaN otherwise, so the sum is finite iff every x is
                if (t.dtype().isFloating() && t.numel() > 0 && !Double.isFinite(t.sub(t).sum().item())) {
                    return what + "'" + e.getKey() + "'";
                }
            }
        }
        return null;
    }
}
