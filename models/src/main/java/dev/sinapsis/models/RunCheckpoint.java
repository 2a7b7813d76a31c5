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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Trainer}'s checkpoint: what it saves (every module's and optimizer's tensors under its
 * name, the run config, the {@link TrainingState}, every generator's seed and counter, the task's
 * metadata) into its {@link RunDirectory}, and loading it back. Non-finite weights or optimizer
 * state are refused, so the checkpoint only ever holds a finite state.
 *
 * <p>The derived model file holds the weights alone: a task with one module saves its state dict
 * as it is (what {@code eval} and other tools load), one with several prefixes each with its name.
 */
final class RunCheckpoint {
    private static final String RNG = "sinapsis.rng.";

    private final RunConfig config;
    private final RunDirectory files;
    private final TrainingTask task;
    private final TrainingState state;
    private String lastSaved;

    RunCheckpoint(RunConfig config, RunDirectory files, TrainingTask task, TrainingState state) {
        this.config = config;
        this.files = files;
        this.task = task;
        this.state = state;
        Set<String> names = new HashSet<>();
        for (String n : task.modules().keySet()) {
            requireName(names, n, "module");
        }
        for (String n : task.optimizers().keySet()) {
            requireName(names, n, "optimizer");
        }
    }

    private static void requireName(Set<String> names, String name, String what) {
        if (name.isEmpty() || name.contains(".") || !names.add(name)) {
            throw new IllegalArgumentException("the task's " + what + " name '" + name + "' must be non-empty, without"
                    + " dots, and distinct from its other module and optimizer names");
        }
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
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Module> m : task.modules().entrySet()) {
                Map<String, Tensor> weights = m.getValue().stateDict();
                requireFinite(weights, "weight ", task.modules().size() > 1 ? m.getKey() + "." : "");
                weights.forEach((k, v) -> tensors.put(m.getKey() + "." + k, v));
            }
            for (Map.Entry<String, Optimizer> o : task.optimizers().entrySet()) {
                Map<String, Tensor> optimizerState = o.getValue().stateDict();
                requireFinite(optimizerState, "optimizer state ", task.optimizers().size() > 1 ? o.getKey() + "." : "");
                optimizerState.forEach((k, v) -> tensors.put(o.getKey() + "." + k, v));
            }
            Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
            meta.putAll(task.metadata());
            meta.put("format", "pt");
            state.write(meta);
            task.generators().forEach((name, g) -> {
                meta.put(RNG + name + ".seed", Long.toString(g.seed()));
                meta.put(RNG + name + ".offset", Long.toString(g.offset()));
            });
            files.save(tensors, meta, modelWeights(), modelMetadata(), state.columns(), state.history);
        }
        lastSaved = state.position();
    }

    /** Throws if a tensor is non-finite, naming it as {@code what 'prefix+key'}. */
    private void requireFinite(Map<String, Tensor> tensors, String what, String prefix) {
        String bad = firstNonFinite(tensors, what, prefix);
        if (bad != null) {
            throw new TrainingDivergedException(bad + " became non-finite by " + state.position()
                    + " and was not saved" + kept());
        }
    }

    /**
     * Loads the checkpoint into the task's modules, optimizers and generators and the state, then
     * removes stale temporaries and re-derives the model file and metrics from it.
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
            for (Map.Entry<String, Module> m : task.modules().entrySet()) {
                m.getValue().loadStateDict(withPrefix(c.tensors(), m.getKey()));
            }
            for (Map.Entry<String, Optimizer> o : task.optimizers().entrySet()) {
                o.getValue().loadStateDict(withPrefix(c.tensors(), o.getKey()));
            }
            state.read(meta);
            for (Map.Entry<String, Generator> g : task.generators().entrySet()) {
                Generator gen = g.getValue();
                long seed = Long.parseLong(ModelSpec.require(meta, RNG + g.getKey() + ".seed"));
                if (seed != gen.seed()) {
                    throw new CheckpointException(file, g.getKey() + " seed " + seed + " differs from this run's");
                }
                long offset = Long.parseLong(ModelSpec.require(meta, RNG + g.getKey() + ".offset"));
                gen.reserve(offset - gen.offset());
            }
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
            files.writeDerived(modelWeights(), modelMetadata(), state.columns(), state.history);
        }
    }

    private static Map<String, Tensor> withPrefix(Map<String, Tensor> tensors, String name) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        String prefix = name + ".";
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** The derived model file's tensors: one module's state dict as it is, several modules' prefixed by name. */
    private Map<String, Tensor> modelWeights() {
        Map<String, Module> modules = task.modules();
        if (modules.size() == 1) {
            return modules.values().iterator().next().stateDict();
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        modules.forEach((name, m) -> m.stateDict().forEach((k, v) -> out.put(name + "." + k, v)));
        return out;
    }

    /** The derived model file's metadata: the config, the task's, and the checkpoint's stamp (run id, epoch, step). */
    private Map<String, String> modelMetadata() {
        Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
        meta.putAll(task.metadata());
        meta.put("format", "pt");
        meta.put(TrainingState.RUN_ID, state.runId);
        meta.put(TrainingState.EPOCH, Integer.toString(state.epochsDone));
        meta.put(TrainingState.STEP, Long.toString(state.step));
        return meta;
    }

    /** "weight 'fc1.weight'" for the first tensor holding a NaN or infinity, or null. */
    private static String firstNonFinite(Map<String, Tensor> tensors, String what, String prefix) {
        try (var ignored = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue();
                // x - x is 0 for finite x and NaN otherwise, so the sum is finite iff every x is
                if (t.dtype().isFloating() && t.numel() > 0 && !Double.isFinite(t.sub(t).sum().item())) {
                    return what + "'" + prefix + e.getKey() + "'";
                }
            }
        }
        return null;
    }
}
