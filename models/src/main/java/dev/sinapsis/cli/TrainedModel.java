package dev.sinapsis.cli;

import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.CheckpointChecks;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.RunDirectory;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model as {@code eval} and {@code predict} find it: a run directory (its model file if
 * derived from the current checkpoint, else the checkpoint), or a model or checkpoint file.
 *
 * @param file     the file read
 * @param config   the run's settings
 * @param metadata all of the file's metadata (a text model's vocabulary, ...)
 * @param weights  the model's state dict (finite)
 */
record TrainedModel(Path file, RunConfig config, Map<String, String> metadata, Map<String, Tensor> weights) {
    /**
     * Reads {@code path}.
     *
     * @throws CheckpointException if it is missing, malformed, or holds non-finite weights
     */
    static TrainedModel open(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? RunDirectory.modelFile(path) : path;
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
        return new TrainedModel(file, config, contents.metadata(), state);
    }
}
