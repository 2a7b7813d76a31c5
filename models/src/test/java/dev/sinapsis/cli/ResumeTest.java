package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after epoch 1 and resumed with {@code --resume} ends exactly like the same run
 * done in one go: same weights (bit for bit), same per-epoch losses and accuracies. Dropout is on,
 * so the dropout generator's offset must be restored too.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    private static final String[] RUN = {"train", "mlp", "--epochs", "2", "--train-limit", "1000", "--test-limit", "300",
            "--hidden", "48", "--dropout", "0.3", "--batch", "50", "--seed", "7"};

    private static String[] with(String... more) {
        String[] all = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(more, 0, all, RUN.length, more.length);
        return all;
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Cli a = Cli.run(with("--out", whole.toString()));
        assertEquals(0, a.code(), a::toString);

        Cli b1 = Cli.run(with("--out", parts.toString(), "--stop-after", "1"));
        assertEquals(0, b1.code(), b1::toString);
        assertTrue(b1.out().contains("epoch 1/2") && !b1.out().contains("epoch 2/2"), b1::toString);
        Cli b2 = Cli.run("train", "--resume", parts.toString());
        assertEquals(0, b2.code(), b2::toString);
        assertTrue(b2.out().contains("Resuming") && b2.out().contains("epoch 2/2"), b2::toString);

        Map<String, Tensor> wa = SafeTensors.read(whole.resolve("model.safetensors")).tensors();
        Map<String, Tensor> wb = SafeTensors.read(parts.resolve("model.safetensors")).tensors();
        assertEquals(wa.keySet(), wb.keySet());
        for (String k : wa.keySet()) {
            assertArrayEquals(wa.get(k).toFloatArray(), wb.get(k).toFloatArray(), "weights differ in " + k);
        }
        assertEquals(learningColumns(whole), learningColumns(parts));
        assertEquals(3, Files.readAllLines(parts.resolve("metrics.csv")).size());
    }

    /** metrics.csv without the timing columns. */
    private static List<String> learningColumns(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, 6))).toList();
    }
}
