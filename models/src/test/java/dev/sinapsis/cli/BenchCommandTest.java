package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sinapsis bench} from the command line: the table and JSON shapes from tiny runs (no
 * timing is asserted, only that the printed figures follow from the printed times), every backend
 * with {@code --backend all}, the peer protocol with a stand-in interpreter, and the user errors.
 */
class BenchCommandTest {
    private static final String[] FAST = {"--reps", "1", "--warmup-ms", "0"};

    @TempDir
    Path tmp;

    private static Cli bench(String... args) {
        String[] all = new String[args.length + 1 + FAST.length];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(FAST, 0, all, 1 + args.length, FAST.length);
        return Cli.run(all);
    }

    private static List<Map<String, Object>> jsonLines(Cli r) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.out().strip().split("\\R")) {
            out.add(PythonPeer.parse(line));
        }
        return out;
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Number, () -> key + " is not a number in " + m);
        return ((Number) v).doubleValue();
    }

    @Test
    void gemmTableHasAHeaderARowPerSizeAndThePeakLegend() {
        Cli r = bench("gemm", "--backend", "cpu", "--sizes", "16,8x4x2");
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().strip().split("\\R");
        assertEquals(7, lines.length, r::toString);
        assertTrue(lines[0].startsWith("gemm f32: median of 1 calls"), lines[0]);
        for (String head : new String[] {"backend", "size", "median ms", "GFLOP/s", "% peak"}) {
            assertTrue(lines[1].contains(head), lines[1]);
        }
        assertTrue(lines[2].matches("cpu +16 +[0-9.]+ +[0-9.]+ +([0-9.]+%|n/a)"), lines[2]);
        assertTrue(lines[3].matches("cpu +8x4x2 +[0-9.]+ +[0-9.]+ +([0-9.]+%|n/a)"), lines[3]);
        assertTrue(lines[4].startsWith("  device cpu: CPU, "), lines[4]);
        assertTrue(lines[5].startsWith("  jvm: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version")), lines[5]);
        assertEquals(Runtime.version().feature() < 25, lines[5].contains("set JAVA_HOME"), lines[5]);
        assertTrue(lines[6].matches("  peak cpu: [0-9.]+ GFLOP/s, measured: 16 independent FMA chains of [0-9]+-lane f32"
                + " vectors on each of [0-9]+ threads? at once, .* \\(nominal: .* x 2 \\(FMA\\) x 2 FMA units per core"
                + " \\(assumed\\) x .*\\)"), lines[6]);
        assertEquals("", r.err().replaceAll("WARNING: Using incubator modules: jdk.incubator.vector\\R?", ""), r::toString);
    }

    @Test
    void jsonRowsCarryTheFiguresTheirTimesImply() throws IOException {
        Cli r = bench("gemm", "--backend", "cpu", "--sizes", "16", "--dtype", "f64", "--json");
        assertEquals(0, r.code(), r::toString);
        List<Map<String, Object>> lines = jsonLines(r);
        assertEquals(4, lines.size(), r::toString);
        Map<String, Object> row = lines.get(0);
        assertEquals("gemm", row.get("op"));
        assertEquals("cpu", row.get("backend"));
        assertEquals("16", row.get("size"));
        assertEquals("f64", row.get("dtype"));
        double ms = num(row, "median_ms");
        assertTrue(ms > 0, row::toString);
        assertEquals(2.0 * 16 * 16 * 16 / (ms * 1e6), num(row, "gflops"), 1e-9 * num(row, "gflops"));
        assertTrue(row.containsKey("peak_gflops") && row.containsKey("pct_peak"), row::toString);
        if (row.get("peak_gflops") != null) {
            assertEquals(100 * num(row, "gflops") / num(row, "peak_gflops"), num(row, "pct_peak"), 1e-9);
        }
        assertEquals("device cpu", lines.get(1).get("legend"));
        assertEquals("jvm", lines.get(2).get("legend"));
        assertEquals("peak cpu", lines.get(3).get("legend"));
    }

    @Test
    void elementwiseAndTrainReportBytesAndSamples() throws IOException {
        Map<String, Object> add = jsonLines(bench("elementwise", "--backend", "cpu", "--sizes", "64", "--json")).get(0);
        assertEquals(3.0 * 4 * 64 / (num(add, "median_ms") * 1e6), num(add, "gbps"), 1e-9 * num(add, "gbps"));
        assertFalse(add.containsKey("pct_peak"), add::toString);
        Cli table = bench("elementwise", "--backend", "cpu", "--sizes", "1k");
        assertTrue(table.out().lines().anyMatch(l -> l.matches(
                "  host copy: System.arraycopy of 1024 elements on one thread .* = [0-9.]+ GB/s; add's share of it: cpu [0-9]+%")),
                table::toString);
        Cli r = bench("train", "--backend", "cpu", "--sizes", "mlp:4,cnn-infer:2", "--json");
        assertEquals(0, r.code(), r::toString);
        List<Map<String, Object>> rows = jsonLines(r).stream().filter(m -> m.containsKey("median_ms")).toList();
        assertEquals(2, rows.size(), r::toString);
        assertEquals("mlp:4", rows.get(0).get("size"));
        assertEquals(4 / (num(rows.get(0), "median_ms") / 1000), num(rows.get(0), "samples_per_sec"), 1e-6);
        assertEquals("cnn-infer:2", rows.get(1).get("size"));
    }

    @Test
    void allRunsEveryBackendAndSaysWhichCouldNot() {
        // the test class path adds 'faulty' (its matmul throws) and 'testgpu' (unavailable) to cpu and opencl
        Cli r = bench("gemm", "--backend", "all", "--sizes", "8");
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("cpu +8 .*")), r::toString);
        boolean openCl = dev.sinapsis.backend.Backends.providers().stream()
                .anyMatch(p -> p.name().equals("opencl") && p.availability().available());
        // without an OpenCL driver the backend is on the class path but says why it cannot run
        assertTrue(r.out().lines().anyMatch(l -> openCl ? l.matches("opencl +8 .*")
                : l.startsWith("opencl: not available: ")), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("faulty: failed on 8: ShapeException: matmul: simulated")),
                r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("testgpu: not available: no test GPU driver")), r::toString);
        assertEquals(openCl, r.out().contains("  peak opencl: "), r::toString);
    }

    @Test
    void aMissingPeerIsOneLineAndTheRunGoesOn() {
        System.setProperty("sinapsis.python", tmp.resolve("no-such-python3").toString());
        try {
            Cli r = bench("softmax", "--backend", "cpu", "--sizes", "4x8", "--compare", "torch");
            assertEquals(0, r.code(), r::toString);
            List<String> notes = r.out().lines().filter(l -> l.startsWith("note: ")).toList();
            assertEquals(1, notes.size(), r::toString);
            assertTrue(notes.get(0).contains("no Python with torch found") && notes.get(0).contains("SINAPSIS_PYTHON"),
                    notes.get(0));
            assertTrue(r.out().lines().anyMatch(l -> l.matches("cpu +4x8 +[0-9.]+ +[0-9.]+")), r::toString);
            assertFalse(r.out().contains("ratio"), r::toString);
        } finally {
            System.clearProperty("sinapsis.python");
        }
    }

    @Test
    void thePeersTimeAndTheRatioComeFromItsAnswer() throws IOException {
        // a stand-in interpreter speaking the peer protocol: ready, then 2.5 ms for every size
        Path fake = tmp.resolve("fake-python");
        Path malloc = tmp.resolve("malloc.txt");
        Files.writeString(fake, "#!/bin/sh\necho \"$MALLOC_MMAP_THRESHOLD_ $MALLOC_TRIM_THRESHOLD_\" > " + malloc + "\n"
                + "echo '{\"ready\": true, \"impl\": \"fake-1.0\"}'\n"
                + "while read line; do echo '{\"median_ms\": 2.5}'; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        System.setProperty("sinapsis.python", fake.toString());
        try {
            Cli r = bench("gemm", "--backend", "cpu", "--sizes", "8,12", "--compare", "numpy", "--json");
            assertEquals(0, r.code(), r::toString);
            List<Map<String, Object>> lines = jsonLines(r);
            for (Map<String, Object> row : lines.subList(0, 2)) {
                assertEquals("fake-1.0", row.get("peer"));
                assertEquals(2.5, num(row, "peer_median_ms"), 0);
                assertEquals(2.5 / num(row, "median_ms"), num(row, "ratio"), 1e-9);
            }
            assertTrue(lines.stream().anyMatch(m -> "ratio".equals(m.get("legend"))
                    && m.get("text").toString().startsWith("fake-1.0 time / Sinapsis time")), r::toString);
            // the peer keeps freed memory (glibc's defaults page-fault PyTorch's fresh tensors every call)
            assertEquals("33554432 17179869184", Files.readString(malloc).strip());
            assertTrue(lines.stream().anyMatch(m -> "ratio".equals(m.get("legend"))
                    && m.get("text").toString().contains("glibc malloc keeping freed memory")), r::toString);
        } finally {
            System.clearProperty("sinapsis.python");
        }
    }

    @Test
    void conv2dBackwardTimesBothGradientsAndAsksThePeerForThem() throws IOException {
        // the stand-in peer records the requests it reads
        Path fake = tmp.resolve("fake-python");
        Path requests = tmp.resolve("requests.txt");
        Files.writeString(fake, "#!/bin/sh\necho '{\"ready\": true, \"impl\": \"fake-1.0\"}'\n"
                + "while read line; do echo \"$line\" >> " + requests + "; echo '{\"median_ms\": 2.5}'; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        System.setProperty("sinapsis.python", fake.toString());
        try {
            Cli r = bench("conv2d", "--backend", "cpu", "--sizes", "2x3x6x6:4x3:s2:p1", "--backward", "--compare",
                    "torch", "--json");
            assertEquals(0, r.code(), r::toString);
            Map<String, Object> row = jsonLines(r).get(0);
            assertEquals(Boolean.TRUE, row.get("backward"), row::toString);
            // three products of the forward's size: output 3x3, 2*N*O*9*C*K*K each
            double flops = 3 * 2.0 * 2 * 4 * 9 * 3 * 3 * 3;
            assertEquals(flops / (num(row, "median_ms") * 1e6), num(row, "gflops"), 1e-9 * num(row, "gflops"));
            assertTrue(Files.readString(requests).startsWith("conv2d-backward 2x3x6x6:4x3:s2:p1 f32 1 "),
                    Files.readString(requests));
        } finally {
            System.clearProperty("sinapsis.python");
        }
        Cli table = bench("conv2d", "--backend", "cpu", "--sizes", "2x3x6x6:4x3", "--backward");
        assertTrue(table.out().lines().findFirst().orElseThrow().contains("forward and backward"), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.matches("cpu +2x3x6x6 3>4 k3 s1 p1 \\+bwd +[0-9.]+ .*")),
                table::toString);
    }

    private static void assertUsageError(Cli r, String... fragments) {
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r::toString);
        assertTrue(lines[0].startsWith("sinapsis: error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "missing '" + f + "'\n" + r);
        }
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void userErrorsAreOneLineWithExitTwo() {
        assertUsageError(Cli.run("bench", "gemv"), "unknown benchmark 'gemv'", "gemm, conv2d, softmax, elementwise, train");
        assertUsageError(Cli.run("bench", "gemm", "--sizes", "12x"), "bad gemm size '12x'", "MxKxN");
        assertUsageError(Cli.run("bench", "conv2d", "--sizes", "1x2x3"), "NxCxHxW:OxK");
        assertUsageError(Cli.run("bench", "gemm", "--dtype", "f16"), "--dtype must be f32 or f64");
        assertUsageError(Cli.run("bench", "gemm", "--backend", "tpu"), "unknown backend 'tpu'", "cpu", "all");
        assertUsageError(Cli.run("bench", "gemm", "--reps", "0"), "--reps must be a positive integer");
        assertUsageError(Cli.run("bench", "gemm", "--compare", "jax"), "--compare must be numpy or torch");
        assertUsageError(Cli.run("bench", "conv2d", "--without", "ConvOps"), "--without: unknown capability 'ConvOps'",
                "ConvolutionOps", "SoftmaxOps", "or all");
        assertUsageError(Cli.run("bench", "train", "--compare", "numpy"), "NumPy has no training", "--compare torch");
        assertUsageError(Cli.run("bench", "train", "--dtype", "f64"), "f32 only");
        assertUsageError(Cli.run("bench", "gemm", "--backward"), "--backward applies to conv2d only");
        assertUsageError(Cli.run("bench", "train", "--sizes", "resnet"), "unknown train model 'resnet'");
        assertUsageError(Cli.run("bench", "gemm", "--sizez", "4"), "--sizez", "sinapsis bench --help");
    }

    @Test
    void helpPrintsWithoutPicocliWarnings() {
        // picocli reports a bad format string (a bare %) on System.err, not on the command's stream
        java.io.ByteArrayOutputStream processErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        Cli r;
        System.setErr(new java.io.PrintStream(processErr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = Cli.run("bench", "--help");
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("% of the device's peak") && r.out().contains("--compare=numpy|torch"), r::toString);
        String warnings = processErr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN") || r.err().contains("picocli WARN"), warnings);
    }

    @Test
    void anUnavailableBackendNamedAloneFailsWithItsReason() {
        Cli r = Cli.run("bench", "gemm", "--backend", "testgpu", "--sizes", "4");
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().startsWith("sinapsis: error: backend 'testgpu' is not available"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
