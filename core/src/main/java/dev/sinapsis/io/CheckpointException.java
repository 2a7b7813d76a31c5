package dev.sinapsis.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file is malformed, truncated, or does not fit what it is loaded into. The message
 * always starts with the file, e.g. {@code "model.safetensors: tensor 'fc.weight' claims bytes [0, 400)
 * but has shape [10,20] of F32 = 800 bytes"}.
 *
 * <p>It is an {@link IOException}, like {@link java.util.zip.ZipException} for a corrupt zip or
 * {@link java.nio.charset.CharacterCodingException} for bad text: a damaged file is an
 * environmental failure of the same kind as a missing file or a full disk, and a caller resuming
 * training wants one {@code catch (IOException e)} that covers all three (for example to fall back
 * to the previous checkpoint). Being checked, it cannot be forgotten at the call site.
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}; the message becomes {@code "<file>: <problem>"}. */
    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is about. */
    public Path file() {
        return file;
    }
}
