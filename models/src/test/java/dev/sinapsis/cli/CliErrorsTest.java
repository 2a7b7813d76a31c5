package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors: a non-zero exit code and exactly one line on stderr, never a stack trace. */
class CliErrorsTest {
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
    void unknownModel() {
        assertOneLineError(Cli.run("train", "resnet"), Main.EXIT_USAGE, "resnet", "mlp", "cnn");
    }

    @Test
    void sparkWithoutTheSparkModule() {
        // models does not depend on the spark module: its tests run as the plain jar does
        assertOneLineError(Cli.run("train", "cnn", "--spark", "local[2]", "--train-limit", "100", "--out",
                tmp.toString()), Main.EXIT_FAILURE, "Spark support is not on the class path", "./sinapsis");
    }

    @Test
    void sparkWithoutTheSparkModuleOnResumeIsNotACheckpointError() {
        Path run = tmp.resolve("run");
        Cli first = Cli.run("train", "mlp", "--hidden", "8", "--epochs", "1", "--train-limit", "100", "--test-limit",
                "50", "--out", run.toString());
        assertEquals(0, first.code(), first::toString);
        assertOneLineError(Cli.run("train", "--resume", run.toString(), "--epochs", "2", "--spark", "local[2]"),
                Main.EXIT_FAILURE, "Spark support is not on the class path");
        assertFalse(Cli.run("train", "--resume", run.toString(), "--epochs", "2", "--spark", "local[2]").err()
                .contains("checkpoint"));
    }

    @Test
    void badSparkMode() {
        assertOneLineError(Cli.run("train", "cnn", "--spark", "local[2]", "--spark-mode", "async", "--out",
                tmp.toString()), Main.EXIT_FAILURE, "--spark-mode must be sync or average", "async");
        assertOneLineError(Cli.run("train", "cnn", "--spark-mode", "average", "--out", tmp.toString()),
                Main.EXIT_FAILURE, "--spark MASTER");
    }

    @Test
    void unknownCommand() {
        assertOneLineError(Cli.run("trian", "cnn"), Main.EXIT_USAGE, "trian");
    }

    @Test
    void badFlag() {
        assertOneLineError(Cli.run("train", "cnn", "--epocs", "3"), Main.EXIT_USAGE, "--epocs", "sinapsis train --help");
    }

    @Test
    void badFlagValue() {
        assertOneLineError(Cli.run("train", "mlp", "--epochs", "three"), Main.EXIT_USAGE, "three");
    }

    @Test
    void badOptionValueCheckedByTheRun() {
        assertOneLineError(Cli.run("train", "mlp", "--optimizer", "adagrad", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "unknown optimizer 'adagrad'");
    }

    @Test
    void missingDataDirectory() {
        Path missing = tmp.resolve("no-such-dir");
        assertOneLineError(Cli.run("train", "mlp", "--data", missing.toString()), Main.EXIT_FAILURE, missing.toString());
    }

    @Test
    void dataDirectoryWithoutIdxFiles() {
        assertOneLineError(Cli.run("train", "cnn", "--data", tmp.toString(), "--out", tmp.resolve("o").toString()),
                Main.EXIT_FAILURE, "train-images-idx3-ubyte");
    }

    @Test
    void datasetNotFetched() {
        assertOneLineError(Cli.run("train", "cnn", "--data", "mnist", "--cache", tmp.toString()), Main.EXIT_FAILURE,
                "sinapsis data fetch mnist");
    }

    @Test
    void unknownBackend() {
        assertOneLineError(Cli.run("train", "cnn", "--backend", "tpu"), Main.EXIT_FAILURE, "unknown backend 'tpu'");
    }

    @Test
    void unavailableBackend() {
        assertOneLineError(Cli.run("train", "cnn", "--backend", "testgpu"), Main.EXIT_FAILURE,
                "not available", "no test GPU driver", "imaginary test driver");
    }

    @Test
    void devicesListsUnavailableBackendsWithTheReason() {
        Cli r = Cli.run("devices");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("cpu") && r.out().contains("available"), r::toString);
        assertTrue(r.out().contains("testgpu") && r.out().contains("NOT available")
                && r.out().contains("no test GPU driver"), r::toString);
    }

    @Test
    void withoutTheNvidiaDriverCudaIsListedWithTheReasonAndRefusedInOneLine() {
        dev.sinapsis.backend.Availability a = dev.sinapsis.backend.Backends.providers().stream()
                .filter(p -> p.name().equals("cuda")).findFirst()
                .orElseThrow(() -> new AssertionError("the cuda backend is not on the CLI's class path"))
                .availability();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.reason().startsWith("no NVIDIA driver"),
                "this machine has the NVIDIA driver: " + a);
        Cli r = Cli.run("devices");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("cuda     priority -20  NOT available\n"
                + "         why: no NVIDIA driver (libcuda.so.1 not found in the ldconfig cache, LD_LIBRARY_PATH or the "
                + "standard library directories)\n"
                + "         fix: install the NVIDIA driver (525 or newer), or pick --backend cpu|opencl\n"), r::toString);
        assertOneLineError(Cli.run("train", "cnn", "--backend", "cuda"), Main.EXIT_FAILURE,
                "not available", "no NVIDIA driver (libcuda.so.1 not found", "pick --backend cpu|opencl");
    }

    @Test
    void resumeWithoutCheckpoint() {
        assertOneLineError(Cli.run("train", "--resume", tmp.toString()), Main.EXIT_FAILURE, "no checkpoint");
    }

    @Test
    void evalOfMissingCheckpoint() {
        assertOneLineError(Cli.run("eval", tmp.resolve("nothing.safetensors").toString()), Main.EXIT_FAILURE,
                "nothing.safetensors");
    }

    @Test
    void unknownDatasetToFetch() {
        assertOneLineError(Cli.run("data", "fetch", "cifar10", "--cache", tmp.toString()), Main.EXIT_FAILURE,
                "unknown dataset 'cifar10'", "mnist");
    }

    @Test
    void helpEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"eval", "--help"}, {"devices", "--help"},
                {"data", "--help"}, {"data", "fetch", "--help"}}) {
            Cli r = Cli.run(args);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Usage: sinapsis"), r::toString);
        }
    }
}
