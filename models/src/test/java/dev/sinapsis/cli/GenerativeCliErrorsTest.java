package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors of train gan|dcgan|autoencoder and sample: one line, the right exit code, no stack trace. */
class GenerativeCliErrorsTest {
    @TempDir
    Path tmp;

    private static void assertOneLineError(Cli r, int code, String... fragments) {
        assertEquals(code, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "expected one line on stderr\n" + r);
        assertTrue(lines[0].startsWith("sinapsis: error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "missing '" + f + "'\n" + r);
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
    }

    @Test
    void optionsOfAnotherModelAreRefused() {
        assertOneLineError(Cli.run("train", "cnn", "--latent", "10"), Main.EXIT_FAILURE, "--latent", "cnn");
        assertOneLineError(Cli.run("train", "gan", "--denoise", "--decoder", "unpool"), Main.EXIT_FAILURE,
                "--denoise, --decoder do not apply to gan");
        assertOneLineError(Cli.run("train", "autoencoder", "--label-smoothing", "0.1"), Main.EXIT_FAILURE,
                "--label-smoothing", "autoencoder");
        assertOneLineError(Cli.run("train", "dcgan", "--dropout", "0.2"), Main.EXIT_FAILURE, "--dropout", "dcgan");
        assertOneLineError(Cli.run("train", "gan", "--no-refine", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "--no-refine does not apply to gan");
        assertOneLineError(Cli.run("train", "autoencoder", "--refine"), Main.EXIT_FAILURE, "--refine", "autoencoder");
    }

    @Test
    void badSettingsNameTheOptionAndTheRange() {
        assertOneLineError(Cli.run("train", "gan", "--label-smoothing", "0.7", "--out", tmp.toString()),
                Main.EXIT_FAILURE, "--label-smoothing", "[0, 0.5)");
        assertOneLineError(Cli.run("train", "gan", "--latent", "0", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "--latent");
        assertOneLineError(Cli.run("train", "gan", "--optimizer", "sgd", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "Adam");
        assertOneLineError(Cli.run("train", "autoencoder", "--decoder", "bilinear", "--out", tmp.toString()),
                Main.EXIT_FAILURE, "bilinear", "unpool or transposed");
        assertOneLineError(Cli.run("train", "dcgan", "--hidden", "8,8", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "one base filter count");
    }

    @Test
    void sampleNeedsAGanRun() throws Exception {
        Path missing = tmp.resolve("nothing");
        assertOneLineError(Cli.run("sample", missing.toString()), Main.EXIT_FAILURE, "nothing");
        assertOneLineError(Cli.run("sample", tmp.toString(), "--n", "0"), Main.EXIT_USAGE, "--n");
        Path cnn = tmp.resolve("cnn");
        Cli r = Cli.run("train", "cnn", "--epochs", "1", "--train-limit", "64", "--test-limit", "32", "--hidden", "4,4,8",
                "--out", cnn.toString());
        assertEquals(0, r.code(), r::toString);
        assertOneLineError(Cli.run("sample", cnn.toString()), Main.EXIT_FAILURE, "holds a cnn run", "gan or dcgan");
        assertFalse(Files.exists(cnn.resolve("sample-0.png")));
    }
}
