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
    void anLstmOnSparkTakesTheSameStepsAsOneProcess() throws Exception {
        // the text classifier on the embedded IMDB reviews: batches of several lengths, clipped gradients;
        // SGD and no dropout, so that only the order of the float sums differs (F32)
        String[] common = {"train", "lstm", "--epochs", "1", "--train-limit", "192", "--test-limit", "64", "--batch", "32",
            "--optimizer", "sgd", "--dropout", "0", "--embedding-dropout", "0", "--max-len", "64", "--vocab", "2000"};
        Path oneDir = tmp.resolve("one");
        Path sparkDir = tmp.resolve("spark");
        Run one = run(with(common, "--out", oneDir.toString()));
        assertEquals(0, one.code(), one::toString);
        Run spark = run(with(common, "--spark", "local[2]", "--out", sparkDir.toString()));
        assertEquals(0, spark.code(), spark::toString);
        assertTrue(spark.out().contains("Spark local[2,4]"), spark::toString);
        var a = dev.sinapsis.io.SafeTensors.read(oneDir.resolve("model.safetensors")).tensors();
        var b = dev.sinapsis.io.SafeTensors.read(sparkDir.resolve("model.safetensors")).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, t) -> {
            double[] x = t.toDoubleArray();
            double[] y = b.get(name).toDoubleArray();
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < x.length; i++) {
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
                scale = Math.max(scale, Math.abs(x[i]));
            }
            assertTrue(diff <= 1e-5 * scale, name + " differs by " + diff + " relative to " + scale);
        });
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void onlyTheClassifiersAreDistributed() {
        Run r = run("train", "gan", "--spark", "local[2]", "--out", tmp.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().strip().startsWith("sinapsis: error: --spark trains the classifiers (mlp, cnn, lstm, gru)"),
                r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
