package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User errors are the ones raised on purpose (options, data, checkpoints, backends): one line.
 * Anything else, an IllegalArgumentException from a model or kernel bug included, is an internal
 * error: the report line, the stack trace, exit 70.
 */
class CliErrorKindsTest {
    @TempDir
    Path tmp;

    private static void assertUserError(Cli r, String... fragments) {
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "expected one line on stderr\n" + r);
        assertTrue(lines[0].startsWith("sinapsis: error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "missing '" + f + "'\n" + r);
        }
    }

    @Test
    void aBugInsideAnOpIsAnInternalErrorWithItsStackTrace() throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"), 16, 8, TinyRun.SIDE);
        Backend before = Backends.current();
        Cli r;
        try {
            r = Cli.run("train", "mlp", "--backend", "faulty", "--data", data.toString(), "--epochs", "1",
                    "--hidden", "4", "--out", tmp.resolve("run").toString());
        } finally {
            Backends.use(before); // --backend is process-wide: give the other tests theirs back
        }
        assertEquals(Main.EXIT_INTERNAL, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals("sinapsis: internal error \u2014 please report it", lines[0], r::toString);
        assertTrue(r.err().contains("dev.sinapsis.tensor.ShapeException: matmul: simulated kernel bug"), r::toString);
        assertTrue(r.err().contains("\tat "), () -> "the stack trace is printed\n" + r);
    }

    @Test
    void invalidOptionValuesAreUserErrors() {
        assertUserError(Cli.run("train", "mlp", "--epochs", "0"), "--epochs must be positive");
        assertUserError(Cli.run("train", "mlp", "--hidden", "0,8"), "layer widths must be between 1 and");
        assertUserError(Cli.run("train", "mlp", "--hidden", "100000"), "layer widths must be between 1 and 4096");
        assertUserError(Cli.run("train", "mlp", "--activation", "swish"), "unknown activation 'swish'");
        assertUserError(Cli.run("train", "cnn", "--dropout", "1.5"), "dropout must be in [0, 1)");
        assertUserError(Cli.run("train", "cnn", "--hidden", "8,8"), "cnn takes three widths");
    }

    @Test
    void aCnnOnImagesItCannotTakeIsAUserError() throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"), 16, 8, 6);
        assertUserError(Cli.run("train", "cnn", "--data", data.toString(), "--out", tmp.resolve("run").toString()),
                "cnn takes images whose height and width are multiples of 4", "6x6");
    }

    @Test
    void badMetadataInTheCheckpointToResumeNamesTheFile() throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"), 16, 8, TinyRun.SIDE);
        Path run = TinyRun.train(data, tmp.resolve("run"));
        Path checkpoint = run.resolve(Trainer.CHECKPOINT);
        for (String[] edit : new String[][] {{"sinapsis.epoch", "one"}, {"sinapsis.run.batch", "-3"},
                {"sinapsis.model.widths", "4,x"}, {"sinapsis.run.optimizer", "lion"}}) {
            SafeTensors.Contents c = SafeTensors.read(checkpoint);
            Map<String, String> meta = new LinkedHashMap<>(c.metadata());
            String original = meta.put(edit[0], edit[1]);
            SafeTensors.write(checkpoint, c.tensors(), meta);
            assertUserError(Cli.run("train", "--resume", run.toString()), checkpoint.toString());
            if (edit[0].startsWith("sinapsis.run.") || edit[0].startsWith("sinapsis.model.")) {
                // eval rebuilds the model from these; the training state (sinapsis.epoch) it does not read
                assertUserError(Cli.run("eval", checkpoint.toString()), checkpoint.toString());
            }
            meta.put(edit[0], original);
            SafeTensors.write(checkpoint, c.tensors(), meta);
        }
        Cli ok = Cli.run("eval", run.toString());
        assertEquals(0, ok.code(), ok::toString);
    }

    @Test
    void aFileSystemErrorSaysWhatIsWrongWithWhichFile() {
        Path notADir = tmp.resolve("file");
        assertFalse(Main.userMessage(new java.nio.file.NoSuchFileException(notADir.toString())).isBlank());
        assertEquals(notADir + ": no such file or directory",
                Main.userMessage(new java.nio.file.NoSuchFileException(notADir.toString())));
        assertEquals(notADir + ": permission denied",
                Main.userMessage(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(notADir.toString()))));
    }
}
