package dev.sinapsis.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example and checks what it prints and what it measured. */
class ExamplesTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** What the example printed, also shown in the build's output. */
    @AfterEach
    void show(TestInfo test) {
        System.out.println("--- " + test.getDisplayName() + "\n" + printed());
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tensorsAndAutograd() {
        double worst = TensorsAndAutograd.run(out);
        assertTrue(worst < 1e-12, printed());
        String s = printed();
        assertTrue(s.contains("a + row = [11.0, 22.0, 33.0, 14.0, 25.0, 36.0]"), s);
        assertTrue(s.contains("a.sum(0) = [5.0, 7.0, 9.0], a.mean() = 3.5"), s);
        // [1 2 3; 4 5 6] times its transpose: 1+4+9, 4+10+18, 16+25+36
        assertTrue(s.contains("a @ a^T = [14.0, 32.0, 32.0, 77.0] shape [2,2]"), s);
        assertTrue(s.contains("autograd df/dx = [1.0, -8.0, -6.0]"), s);
        assertTrue(s.contains("f(x) = sum(x^2 * w) = -0.5"), s); // 0.5 + 8 - 9
    }

    @Test
    void customModuleTraining() {
        CustomModuleTraining.Result r = CustomModuleTraining.run(out);
        assertTrue(r.lastLoss() < r.firstLoss() / 4, printed());
        assertTrue(r.accuracy() > 0.95, printed());
        assertTrue(printed().contains("13 batches per epoch"), printed()); // 400 points in batches of 32
        assertTrue(printed().contains("epoch 50  mean loss"), printed());
    }

    @Test
    void loadPyTorchWeights() throws IOException {
        LoadPyTorchWeights.Result r = LoadPyTorchWeights.run(out);
        assertTrue(r.maxDifference() < 1e-4, printed());
        assertEquals(6, r.sameClass(), printed());
        assertTrue(printed().contains("state dict from PyTorch: [0.bias, 0.weight, 2.bias, 2.weight]"), printed());
    }

    @Test
    void backendsAndMemory() {
        BackendsAndMemory.Result r = BackendsAndMemory.run(out);
        assertTrue(r.inside() >= r.before() + 3, printed()); // a, b and their product at least
        assertEquals(r.before(), r.after(), printed());
        assertTrue(printed().contains("backend cpu     priority"), printed());
        if (!Double.isNaN(r.otherBackendDifference()) || Boolean.getBoolean("sinapsis.requireOpenCL")) {
            // another backend ran the product (CI requires OpenCL): it must agree with the CPU's
            assertTrue(r.otherBackendDifference() < 1e-3, printed());
        }
    }

    @Test
    void customOp() {
        CustomOp.Result r = CustomOp.run(out);
        assertTrue(r.correctError() < 1e-6, printed());
        assertTrue(r.wrongError() > 1e-2, printed());
        assertTrue(printed().contains("GradCheck accepts the right backward and rejects the wrong one"), printed());
    }

    @Test
    void trainZooModel(@TempDir Path dir) throws IOException {
        double accuracy = TrainZooModel.run(out, dir);
        assertTrue(accuracy > 0.85, printed()); // 0.1 by chance
        assertTrue(printed().contains("Total params: 50,890"), printed()); // 784*64+64 + 64*10+10
        assertTrue(printed().contains("epoch 3/3"), printed());
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint.safetensors")), printed());
    }

    @Test
    void readmeProgramLearnsXor() {
        PrintStream previous = System.out;
        System.setOut(out);
        try {
            Xor.main(new String[0]);
        } finally {
            System.setOut(previous);
        }
        Matcher m = Pattern.compile("XOR of 00 01 10 11: (\\S+) (\\S+) (\\S+) (\\S+)").matcher(printed());
        assertTrue(m.find(), printed());
        assertTrue(Double.parseDouble(m.group(1)) < 0.1 && Double.parseDouble(m.group(4)) < 0.1, printed());
        assertTrue(Double.parseDouble(m.group(2)) > 0.9 && Double.parseDouble(m.group(3)) > 0.9, printed());
        assertTrue(printed().contains("step 300  loss "), printed());
    }
}
