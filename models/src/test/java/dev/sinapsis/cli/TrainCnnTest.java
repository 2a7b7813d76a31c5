package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short CNN run on a slice of the embedded MNIST subset learns, and leaves every output file. */
class TrainCnnTest {
    @TempDir
    Path tmp;

    @Test
    void shortCnnRunLearnsAndWritesItsFiles() throws Exception {
        Path out = tmp.resolve("run");
        Cli r = Cli.run("train", "cnn", "--epochs", "2", "--train-limit", "2500", "--test-limit", "500",
                "--hidden", "8,16,64", "--lr", "2e-3", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().strip().split("\\R");
        String json = lines[lines.length - 1];
        System.out.println("TrainCnnTest: " + json);
        // the run uses the default backend, which is a GPU backend on a machine that has one
        String backend = Backends.current().name();
        assertTrue(json.startsWith("{\"model\":\"cnn\",\"backend\":\"" + backend + "\",\"dataset\":\"mnist-embedded\""),
                json);
        for (String key : new String[] {"epochs", "test_accuracy", "train_seconds", "samples_per_sec"}) {
            assertTrue(json.contains("\"" + key + "\":"), json);
        }
        Matcher m = Pattern.compile("\"test_accuracy\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), json);
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(accuracy >= 0.85, "test accuracy " + accuracy + " below 0.85\n" + r);
        assertTrue(r.out().contains("Confusion matrix") && r.out().contains("precision"), r::toString);
        assertEquals(json, Files.readString(out.resolve("summary.json")).strip());
        for (String f : new String[] {"metrics.csv", "loss.png", "accuracy.png", "model.safetensors",
                "checkpoint.safetensors"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());

        Cli e = Cli.run("eval", out.toString());
        assertEquals(0, e.code(), e::toString);
        assertTrue(e.out().contains("\"test_accuracy\":" + m.group(1)), e::toString);
    }
}
