package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.RunDirectory;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted runs lose nothing: {@code kill -9} of a child JVM at random (seeded) moments across a
 * short run with {@code --checkpoint-every} (so also during checkpoint writes) always leaves a
 * directory that {@code eval} reads consistently and from which {@code --resume} ends bit-identical
 * (weights, optimizer state, per-epoch metrics, summary) to an uninterrupted run; and Ctrl-C
 * (SIGINT) saves a checkpoint, prints one line and exits 130.
 */
class CrashResumeTest {
    @TempDir
    static Path tmp;

    private static final String[] RUN = {"train", "mlp", "--epochs", "4", "--train-limit", "600", "--test-limit", "200",
            "--hidden", "32", "--dropout", "0.3", "--batch", "25", "--seed", "7", "--backend", "cpu"};
    private static final int MAX_KILLS = 10;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(40);
    private static final int FINISH = 0;
    private static final int ANY_MOMENT = 1;
    private static final int IN_TRAINING = 2;
    private static final int IN_WRITE = 3;
    private static final int AFTER_FIRST_SAVE = 4;

    private static Path reference;

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @BeforeAll
    static void uninterruptedRun() {
        reference = tmp.resolve("reference");
        Cli r = Cli.run(with(RUN, "--out", reference.toString()));
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void killedAtRandomMomentsEveryResumeEndsBitIdentical() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(15);
        List<Path> snapshots = new ArrayList<>();
        int launches = 0;
        int midWrite = 0;
        int rounds = 0;
        // rounds of one run each, killed until it completes, until MAX_KILLS kills (one round on a slow machine)
        while (snapshots.size() < MAX_KILLS && rounds < 6 && System.nanoTime() - started < BUDGET_NANOS) {
            Path run = tmp.resolve("killed-" + rounds);
            Path log = tmp.resolve("killed-" + rounds + ".log");
            int killsBefore = snapshots.size();
            boolean killedBeforeFirstSave = false;
            rounds++;
            while (true) {
                boolean resume = Files.isRegularFile(run.resolve(RunDirectory.CHECKPOINT));
                Process child = ChildCli.start(log, resume
                        ? new String[] {"train", "--resume", run.toString(), "--checkpoint-every", "2", "--backend", "cpu"}
                        : with(RUN, "--out", run.toString(), "--checkpoint-every", "2"));
                int launch = ++launches;
                boolean finish = snapshots.size() >= MAX_KILLS || System.nanoTime() - started > BUDGET_NANOS;
                // a fresh run: once killed while writing its first checkpoint, then only after it exists; a
                // resumed run: at a random moment of the process (start-up and re-deriving files included), of
                // its training, or at the first file write seen in its training
                int mode = finish ? FINISH : !resume ? (killedBeforeFirstSave ? AFTER_FIRST_SAVE : IN_WRITE)
                        : random.nextInt(5) == 0 ? ANY_MOMENT : random.nextBoolean() ? IN_TRAINING : IN_WRITE;
                killedBeforeFirstSave |= mode == IN_WRITE && !resume;
                boolean exited;
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                if (mode == FINISH || mode == ANY_MOMENT) {
                    exited = child.waitFor(mode == FINISH ? 120_000 : 200 + random.nextInt(2500), TimeUnit.MILLISECONDS);
                } else {
                    while (child.isAlive() && System.nanoTime() < giveUp && (mode == AFTER_FIRST_SAVE
                            ? !Files.exists(run.resolve(RunDirectory.CHECKPOINT)) : !output(log).contains("; output in "))) {
                        LockSupport.parkNanos(2_000_000);
                    }
                    exited = mode != IN_WRITE && child.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
                    while (mode == IN_WRITE && !exited && temporaries(run) == 0 && System.nanoTime() < giveUp) {
                        LockSupport.parkNanos(100_000);
                        exited = !child.isAlive();
                    }
                }
                if (exited) {
                    assertTrue(child.waitFor(120, TimeUnit.SECONDS), () -> "launch " + launch + " hangs: " + output(log));
                    assertEquals(0, child.exitValue(), () -> "launch " + launch + ": " + output(log));
                    break;
                }
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                Path snapshot = tmp.resolve("snapshot-" + snapshots.size());
                copy(run, snapshot);
                snapshots.add(snapshot);
                midWrite += temporaries(snapshot) > 0 ? 1 : 0;
            }
            assertSameRun(run, "the run killed " + (snapshots.size() - killsBefore) + " times");
        }

        int resumed = 0;
        for (Path snapshot : snapshots) {
            resumed += resumeKilledState(snapshot) ? 1 : 0;
        }
        assertTrue(resumed >= 3, "only " + resumed + " of the kills came after a checkpoint");
        System.out.printf("CrashResumeTest: %d runs, %d launches, %d kills (%d during a write), %d resumes from the"
                + " killed states, all bit-identical, %.1f s%n", rounds, launches, snapshots.size(), midWrite, resumed,
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void ctrlCSavesACheckpointAndExits130() throws Exception {
        Path run = tmp.resolve("interrupted");
        Path log = tmp.resolve("interrupted.log");
        Process child = ChildCli.start(log, with(RUN, "--out", run.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output(log).contains("epoch 1/4  50.0%")) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "no progress: " + output(log));
            Thread.sleep(20);
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> "still running after SIGINT: " + output(log));
        String out = output(log);
        assertEquals(130, child.exitValue(), out);
        String[] lines = out.strip().split("\\R");
        Matcher m = Pattern.compile("sinapsis: interrupted . checkpoint saved at epoch (\\d), step (\\d+); resume with"
                + " --resume (.+)").matcher(lines[lines.length - 1]);
        assertTrue(m.matches(), out);
        assertEquals(run.toString(), m.group(3));
        Map<String, String> meta = SafeTensors.read(run.resolve(RunDirectory.CHECKPOINT)).metadata();
        assertEquals(m.group(2), meta.get("sinapsis.step"), "the checkpoint holds the step the message names");
        assertTrue(Integer.parseInt(m.group(2)) >= 10, out);

        Cli r = Cli.run("train", "--resume", run.toString());
        assertEquals(0, r.code(), r::toString);
        assertSameRun(run, "the run resumed after Ctrl-C");
    }

    @Test
    void helpDocumentsCheckpointingAndCtrlC() {
        Cli help = Cli.run("train", "--help");
        assertEquals(0, help.code(), help::toString);
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--checkpoint-every=N Also save the checkpoint every N training steps")
                && text.contains("Ctrl-C saves a checkpoint after the current step and exits (status 130)")
                && text.contains("--detect-anomaly"), text);
        Cli bad = Cli.run(with(RUN, "--checkpoint-every", "-1", "--out", tmp.resolve("bad").toString()));
        assertEquals(1, bad.code(), bad::toString);
        assertEquals("sinapsis: error: --checkpoint-every must be >= 0, got -1", bad.err().strip());
    }

    /**
     * Checks what a kill left in {@code snapshot}: without a checkpoint (killed before the first
     * save) {@code eval} and {@code --resume} refuse it with one line; with one, {@code eval} reads
     * the checkpoint's weights and {@code --resume} ends bit-identical to the uninterrupted run.
     * Returns whether it was resumed.
     */
    private static boolean resumeKilledState(Path snapshot) throws IOException {
        if (!Files.isRegularFile(snapshot.resolve(RunDirectory.CHECKPOINT))) {
            Cli r = Cli.run("train", "--resume", snapshot.toString());
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("no checkpoint here"), r::toString);
            Cli e = Cli.run("eval", snapshot.toString());
            assertEquals(1, e.code(), e::toString);
            assertTrue(e.err().startsWith("sinapsis: error: ") && e.err().strip().lines().count() == 1, e::toString);
            return false;
        }
        Path chosen = RunDirectory.modelFile(snapshot);
        assertEquals(weights(snapshot.resolve(RunDirectory.CHECKPOINT)), weights(chosen),
                "eval of " + snapshot + " reads the checkpoint's weights");
        Cli e = Cli.run("eval", snapshot.toString());
        assertEquals(0, e.code(), e::toString);
        Cli r = Cli.run("train", "--resume", snapshot.toString(), "--backend", "cpu");
        assertEquals(0, r.code(), r::toString);
        assertSameRun(snapshot, snapshot + " resumed");
        return true;
    }

    private static void assertSameRun(Path dir, String what) throws IOException {
        for (String file : new String[] {RunDirectory.MODEL, RunDirectory.CHECKPOINT}) {
            Map<String, Tensor> want = SafeTensors.read(reference.resolve(file)).tensors();
            Map<String, Tensor> got = SafeTensors.read(dir.resolve(file)).tensors();
            assertEquals(want.keySet(), got.keySet(), what);
            for (String k : want.keySet()) {
                assertArrayEquals(want.get(k).toDoubleArray(), got.get(k).toDoubleArray(), what + ": " + file + " " + k);
            }
        }
        assertEquals(learningColumns(reference), learningColumns(dir), what + ": metrics.csv");
        assertEquals(summaryWithoutTimings(reference), summaryWithoutTimings(dir), what + ": summary.json");
    }

    private static List<String> weights(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        SafeTensors.read(file).tensors().forEach((k, v) -> tensors.put(k.startsWith("model.") ? k.substring(6) : k, v));
        return tensors.entrySet().stream().filter(e -> !e.getKey().startsWith("optimizer."))
                .map(e -> e.getKey() + java.util.Arrays.toString(e.getValue().toFloatArray())).toList();
    }

    private static List<String> learningColumns(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, 6))).toList();
    }

    private static String summaryWithoutTimings(Path dir) throws IOException {
        return Files.readString(dir.resolve("summary.json")).strip()
                .replaceAll("\"(train_seconds|samples_per_sec|out)\":(\"[^\"]*\"|[^,}]*)", "\"$1\":_");
    }

    private static int temporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("\\..*\\.(tmp|part)")).count();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static String output(Path log) {
        try {
            return ChildCli.output(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
