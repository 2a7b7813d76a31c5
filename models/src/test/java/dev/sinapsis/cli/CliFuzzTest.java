package dev.sinapsis.cli;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.data.DatasetException;
import dev.sinapsis.fuzz.Fuzzer;
import dev.sinapsis.fuzz.Mutator;
import dev.sinapsis.fuzz.SafeTensorsEdits;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.models.ConsoleProgress;
import dev.sinapsis.models.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Fuzzes what the command line reads, in-process: a run directory for {@code sinapsis eval RUN_DIR}
 * (mutated {@code model.safetensors}), a run directory for {@code sinapsis train --resume RUN_DIR}
 * (mutated {@code checkpoint.safetensors}; everything up to training: settings, data, model,
 * optimizer state), and random command lines against {@link Main}'s parser (training never starts:
 * a {@code train} command runs up to {@link TrainCommand#setup}). Every input must succeed, or end
 * as a user error (one line {@code sinapsis: error: ...}, exit 1 or 2) that names the file when a
 * file is at fault; never an internal error, an escaping exception, a hang or a file left behind.
 */
class CliFuzzTest {
    private static final Set<String> RUN_FILES = Set.of(Trainer.MODEL, Trainer.CHECKPOINT, "metrics.csv",
            "summary.json", "loss.png", "accuracy.png");

    @TempDir
    Path tmp;

    private Path data;
    private Path run;
    private Backend backend;

    /** A non-zero exit the way the CLI is meant to fail: counted as a clean rejection. */
    static final class CleanFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CleanFailure(String message) {
            super(message, null, false, false);
        }
    }

    @BeforeEach
    void tinyRun() throws IOException {
        backend = Backends.current();
        data = TinyRun.data(tmp.resolve("data"), 16, 8, TinyRun.SIDE);
        run = TinyRun.train(data, tmp.resolve("run"));
    }

    @AfterEach
    void restoreBackend() {
        Backends.use(backend); // --backend is process-wide
    }

    /** Fails unless {@code r} succeeded or is a one-line user error (naming {@code file} if given). */
    static void judge(Cli r, Path file) {
        if (r.code() == 0) {
            return;
        }
        String err = r.err().strip();
        boolean oneLine = !err.isEmpty() && err.lines().count() == 1 && err.startsWith("sinapsis: error: ");
        if ((r.code() == Main.EXIT_FAILURE || r.code() == Main.EXIT_USAGE) && oneLine
                && (file == null || err.contains(file.toString()))) {
            throw new CleanFailure(err);
        }
        throw new AssertionError("not a clean outcome: " + r);
    }

    private static final Fuzzer.Oracle CLEAN = t -> t instanceof CleanFailure ? null : "crash";

    @Test
    void evalOfAMutatedRunDirectory() throws IOException {
        Path model = run.resolve(Trainer.MODEL);
        byte[] seed = Files.readAllBytes(model);
        Mutator mutator = new Mutator(dev.sinapsis.fuzz.SafeTensorsEdits.HEADER_EDITS);
        SplittableRandom r = new SplittableRandom(Fuzzer.SEED ^ "run-eval".hashCode());
        try (Fuzzer f = new Fuzzer("run-eval", run, RUN_FILES, Duration.ofSeconds(20))) {
            // eval RUN_DIR (which may fall back to the checkpoint: an error then names a file in RUN_DIR),
            // and eval RUN_DIR/model.safetensors (which must read the mutated file itself)
            Fuzzer.Target ofDir = () -> judge(Cli.run("eval", run.toString()), run);
            Fuzzer.Target ofFile = () -> judge(Cli.run("eval", model.toString()), model);
            for (byte[] input : Fuzzer.corpus("run-eval").values()) {
                f.one(withDataPath(input), model, true, ofDir, CLEAN);
                f.one(withDataPath(input), model, true, ofFile, CLEAN);
            }
            for (int i = 0; i < Fuzzer.INPUTS; i++) {
                f.one(mutator.mutate(seed, r), model, false, i % 2 == 0 ? ofDir : ofFile, CLEAN);
            }
            f.finish();
        }
    }

    @Test
    void resumeOfAMutatedRunDirectory() throws IOException {
        Path checkpoint = run.resolve(Trainer.CHECKPOINT);
        byte[] seed = Files.readAllBytes(checkpoint);
        Mutator mutator = new Mutator(dev.sinapsis.fuzz.SafeTensorsEdits.HEADER_EDITS);
        SplittableRandom r = new SplittableRandom(Fuzzer.SEED ^ "run-resume".hashCode());
        String[] args = {"train", "--resume", run.toString(), "--epochs", "1"};
        Fuzzer.Oracle oracle = t -> t instanceof CheckpointException c ? (c.getMessage().startsWith(checkpoint + ": ")
                ? null : "a CheckpointException about another file")
                : t instanceof DatasetException ? null // the data directory the checkpoint names is the fault
                : Main.isUserError(t) ? "a user error that does not name the checkpoint" : "crash";
        try (Fuzzer f = new Fuzzer("run-resume", run, RUN_FILES, Duration.ofSeconds(20))) {
            for (byte[] input : Fuzzer.corpus("run-resume").values()) {
                f.one(withDataPath(input), checkpoint, true, () -> setUp(args), oracle);
            }
            for (int i = 0; i < Fuzzer.INPUTS; i++) {
                f.one(mutator.mutate(seed, r), checkpoint, false, () -> setUp(args), oracle);
            }
            f.finish();
        }
        Files.write(checkpoint, seed);
        setUp(args); // the harness itself works: the unmutated run resumes
    }

    /**
     * A kept checkpoint with this run's data directory in place of the {@code ${data}} that stands
     * for it in the file (the header's length prefix adjusted), so the input reaches what it broke.
     */
    private byte[] withDataPath(byte[] input) {
        return SafeTensorsEdits.editHeader(input, new SplittableRandom(0),
                (json, r) -> {
                    String h = json.replace("${data}", data.toString()).stripTrailing();
                    int bytes = h.getBytes(StandardCharsets.UTF_8).length;
                    return h + " ".repeat((8 - bytes % 8) % 8); // padded like the writer pads
                });
    }

    /** Parses {@code args} as Main does and, for train, runs everything before training. */
    private static TrainCommand.Setup setUp(String... args) throws IOException {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cl = Main.commandLine(quiet, quiet);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        CommandLine.ParseResult sub = parsed.subcommand();
        if (sub == null || !(sub.commandSpec().userObject() instanceof TrainCommand train)
                || sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
            throw new IllegalStateException("not a train command: " + Arrays.toString(args));
        }
        return train.setup(new ConsoleProgress(quiet, quiet, false));
    }

    @Test
    void randomCommandLines() throws IOException {
        CommandLines gen = new CommandLines(tmp, data, run, new SplittableRandom(Fuzzer.SEED ^ "cli".hashCode()));
        try (Fuzzer f = new Fuzzer("cli", tmp, Set.of("data", "run", "cache", "empty", "argfile", "tarball.tgz"),
                Duration.ofSeconds(30))) {
            // regression command lines: one argument a line; ${run}, ${data}, ${cache} and ${tmp} stand for this run's paths
            for (Map.Entry<String, byte[]> e : Fuzzer.corpus("cli").entrySet()) {
                List<String> args = new String(e.getValue(), StandardCharsets.UTF_8).lines()
                        .map(l -> l.replace("${run}", run.toString()).replace("${data}", data.toString())
                                .replace("${cache}", tmp.resolve("cache").toString()).replace("${tmp}", tmp.toString()))
                        .toList();
                f.one(String.join("\n", args), true, () -> runCommandLine(args), CLEAN);
            }
            for (int i = 0; i < Fuzzer.INPUTS; i++) {
                List<String> args = gen.next();
                f.one(String.join("\n", args), false, () -> runCommandLine(args), CLEAN);
            }
            f.finish();
        }
    }

    /**
     * Runs a command line as {@link Main#execute} does; a {@code train} command only up to its
     * setup (parse errors and user errors judged as Main would print them).
     */
    private void runCommandLine(List<String> args) {
        Backend before = Backends.current();
        try {
            String[] a = args.toArray(String[]::new);
            if (!isTrain(a)) {
                judge(Cli.run(a), null);
                return;
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            CommandLine cl = Main.commandLine(e, e);
            int code;
            try {
                CommandLine.ParseResult parsed = cl.parseArgs(a);
                CommandLine.ParseResult sub = parsed.subcommand();
                if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || sub == null
                        || sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
                    return;
                }
                ((TrainCommand) sub.commandSpec().userObject()).setup(new ConsoleProgress(e, e, false));
                return;
            } catch (CommandLine.ParameterException ex) {
                code = cl.getParameterExceptionHandler().handleParseException(ex, a);
            } catch (Exception ex) {
                code = cl.getExecutionExceptionHandler().handleExecutionException(ex, cl, null);
            }
            judge(new Cli(code, "", err.toString(StandardCharsets.UTF_8)), null);
        } catch (CleanFailure | AssertionError ex) {
            throw ex;
        } catch (Exception ex) {
            throw new AssertionError("escaped: " + ex, ex);
        } finally {
            Backends.use(before);
        }
    }

    private static boolean isTrain(String[] a) {
        return Stream.of(a).filter(s -> !s.startsWith("-")).findFirst().map("train"::equals).orElse(false);
    }
}
