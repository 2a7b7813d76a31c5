package dev.sinapsis.models;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The files of a training run's output directory, written so that a crash at any moment (even
 * {@code kill -9} in the middle of a write) leaves a consistent, resumable run.
 *
 * <p>The design: {@value #CHECKPOINT} is the single source of truth. It holds everything (model,
 * optimizer, trainer counters, data position, generator counters) and is replaced atomically
 * (temporary file, fsync, rename, fsync of the directory), so it is always some complete save.
 * Every other file is derived from it and written after it: {@value #MODEL} (the weights alone, for
 * {@code eval} and export) carries the run id, epoch and step of the checkpoint it was derived from,
 * and {@code metrics.csv} the checkpoint's history. A crash between the writes can thus leave the
 * derived files one save behind, never the checkpoint: {@link #modelFile} (what
 * {@code eval RUN_DIR} loads) uses {@value #MODEL} only when its stamp matches the checkpoint's and
 * the checkpoint's weights otherwise, and {@code --resume} reads only the checkpoint and re-derives
 * the other files before training on. Temporary files left by a killed writer are deleted when a
 * run starts or resumes.
 */
public final class RunDirectory {
    /** The resumable checkpoint: the run's source of truth, replaced atomically at every save. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** The trained weights with the model's spec, derived from the checkpoint, for evaluation and export. */
    public static final String MODEL = "model.safetensors";

    /** A temporary sibling of one of the run's files, as SafeTensors and RunFiles name them. */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.[\\w-]+\\.(safetensors|csv|json|png)\\..+\\.(tmp|part)");

    private final Path dir;

    /** The run directory {@code dir} (it need not exist yet). */
    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /**
     * Saves the run: first the checkpoint (the commit point), then the derived model file and
     * metrics. {@code modelMetadata} must carry the checkpoint's stamp (run id, epoch, step).
     */
    void save(Map<String, Tensor> checkpoint, Map<String, String> checkpointMetadata, Map<String, Tensor> model,
              Map<String, String> modelMetadata, List<String> columns, List<EpochStats> history) throws IOException {
        Files.createDirectories(dir);
        SafeTensors.write(dir.resolve(CHECKPOINT), checkpoint, checkpointMetadata);
        writeDerived(model, modelMetadata, columns, history);
    }

    /** Rewrites the files derived from the checkpoint: the model file and metrics. */
    void writeDerived(Map<String, Tensor> model, Map<String, String> modelMetadata, List<String> columns,
                      List<EpochStats> history) throws IOException {
        SafeTensors.write(dir.resolve(MODEL), model, modelMetadata);
        RunFiles.writeMetrics(dir, columns, history);
    }

    /** Deletes the temporary files a writer killed mid-write left behind. */
    void removeStaleTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * The file {@code eval} should load from run directory {@code dir}: {@value #MODEL} if it was
     * derived from the current checkpoint (same run id, epoch and step), else the checkpoint itself
     * (whose {@code model.*} tensors are the weights); {@value #MODEL} when there is no checkpoint.
     */
    public static Path modelFile(Path dir) throws IOException {
        Path checkpoint = dir.resolve(CHECKPOINT);
        Path model = dir.resolve(MODEL);
        if (!Files.isRegularFile(checkpoint)) {
            return model;
        }
        if (!Files.isRegularFile(model)) {
            return checkpoint;
        }
        Map<String, String> truth = SafeTensors.read(checkpoint).metadata();
        Map<String, String> derived;
        try {
            derived = SafeTensors.read(model).metadata();
        } catch (IOException unreadable) {
            return checkpoint;
        }
        return stamp(truth).equals(stamp(derived)) ? model : checkpoint;
    }

    /** What ties a derived file to the checkpoint it came from. */
    private static List<String> stamp(Map<String, String> meta) {
        return List.of(Objects.toString(meta.get(TrainingState.RUN_ID)), Objects.toString(meta.get(TrainingState.EPOCH)),
                Objects.toString(meta.get(TrainingState.STEP)));
    }
}
