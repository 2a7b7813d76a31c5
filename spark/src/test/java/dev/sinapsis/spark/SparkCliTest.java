package dev.sinapsis.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.cli.Main;
import dev.sinapsis.models.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sinapsis train --spark} with the spark module on the class path, as {@code ./sinapsis} runs it. */
class SparkCliTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAveragedEpochOnSparkResumesInOneProcess() throws Exception {
        Path dir = tmp.resolve("run");
        Run spark = run("train", "mlp", "--spark", "local[2]", "--spark-mode", "average", "--spark-local-steps", "2",
                "--epochs", "2", "--stop-after", "1", "--train-limit", "512", "--test-limit", "200", "--batch", "64",
                "--out", dir.toString());
        assertEquals(0, spark.code(), spark::toString);
        assertTrue(spark.out().contains("Spark local[2,4]: parameter averaging every 2 batches, 2 partitions"),
                spark::toString);
        assertEquals("1", Trainer.readMetadata(dir).get("sinapsis.epoch"));
        Run one = run("train", "--resume", dir.toString());
        assertEquals(0, one.code(), one::toString);
        assertFalse(one.out().contains("Spark"), one::toString);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"epochs\":2"), summary);
        double accuracy = Double.parseDouble(summary.replaceAll(".*\"test_accuracy\":([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.6, summary);
    }

    @Test
    void onlyTheImageClassifiersAreDistributed() {
        Run r = run("train", "gan", "--spark", "local[2]", "--out", tmp.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().strip().startsWith("sinapsis: error: --spark trains the image classifiers (mlp, cnn)"),
                r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
