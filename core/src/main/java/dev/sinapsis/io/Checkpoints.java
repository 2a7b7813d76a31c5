package dev.sinapsis.io;

import dev.sinapsis.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and restores a {@link Module}'s state dict as a safetensors file.
 *
 * <pre>{@code
 * Checkpoints.save(dir.resolve("epoch-3.safetensors"), model,
 *         Checkpoints.metadata(optimizerStep, 3, seed));
 * ...
 * Map<String, String> meta = Checkpoints.load(dir.resolve("epoch-3.safetensors"), model);
 * long step = Checkpoints.getLong(file, meta, Checkpoints.STEP);
 * }</pre>
 *
 * <p>Metadata is a flat string-to-string map (a safetensors restriction). The keys below are the
 * ones Sinapsis itself writes and understands; any other key is kept as is. {@link #FORMAT} is set
 * to {@code "pt"} by {@link #save} unless given, which is what Hugging Face loaders expect of
 * PyTorch-layout weights (row-major, {@code [out, in]} linear weights, {@code [out, in, kh, kw]}
 * convolution kernels).
 */
public final class Checkpoints {
    /** The number of optimizer steps taken when the checkpoint was written, a decimal long. */
    public static final String STEP = "sinapsis.step";
    /** The number of completed epochs, a decimal long. */
    public static final String EPOCH = "sinapsis.epoch";
    /** The seed the run was started with, a decimal long, so a resumed run can be reproduced. */
    public static final String SEED = "sinapsis.seed";
    /** The tensor layout convention; {@code "pt"} for the PyTorch layout Sinapsis uses. */
    public static final String FORMAT = "format";

    private Checkpoints() {
    }

    /** Metadata holding {@link #STEP}, {@link #EPOCH} and {@link #SEED} (mutable, to add more keys). */
    public static Map<String, String> metadata(long step, long epoch, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(STEP, Long.toString(step));
        m.put(EPOCH, Long.toString(epoch));
        m.put(SEED, Long.toString(seed));
        return m;
    }

    /**
     * Writes {@code module.stateDict()} (parameters and buffers, by dotted name) and the metadata to
     * {@code file}, atomically (see {@link SafeTensors#write}).
     */
    public static void save(Path file, Module module, Map<String, String> metadata) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT, "pt");
        if (metadata != null) {
            meta.putAll(metadata);
        }
        SafeTensors.write(file, module.stateDict(), meta);
    }

    /**
     * Reads {@code file} and copies it into {@code module} with {@link Module#loadStateDict} (strict:
     * every name must match and every shape agree; dtypes are converted). Returns the metadata.
     *
     * @throws CheckpointException if the file is invalid or does not match the module; in the latter
     *     case the message lists every missing, unexpected or mis-shaped entry and the module is unchanged
     */
    public static Map<String, String> load(Path file, Module module) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        try {
            module.loadStateDict(contents.tensors());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit the module: " + e.getMessage(), e);
        }
        return contents.metadata();
    }

    /**
     * The metadata value {@code key} as a long.
     *
     * @throws CheckpointException if it is absent or not a decimal long
     */
    public static long getLong(Path file, Map<String, String> metadata, String key) throws CheckpointException {
        String v = metadata.get(key);
        if (v == null) {
            throw new CheckpointException(file, "metadata has no '" + key + "'; it has " + metadata.keySet());
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CheckpointException(file, "metadata '" + key + "' is \"" + v + "\", not an integer", e);
        }
    }
}
