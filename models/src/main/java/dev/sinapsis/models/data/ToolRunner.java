package dev.sinapsis.models.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool ({@code npm}, {@code apt-get}, {@code dpkg-deb}) with a time limit that
 * holds even when the tool hangs with its output open: the output goes to a file, never through a
 * pipe that would have to be drained first, and on timeout the whole process tree is killed.
 */
final class ToolRunner {
    /** Bytes of a tool's output kept for the error message (the end of it). */
    private static final int OUTPUT_TAIL = 64 * 1024;

    /** What a finished tool left: its exit code and output (stdout and stderr together). */
    record Outcome(int exitCode, String output) {
    }

    /** The tool did not finish in time and was killed with every process it started. */
    static final class TimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message) {
            super(message);
        }
    }

    private ToolRunner() {
    }

    /**
     * Runs {@code command} in {@code cwd} with no input, waiting at most {@code timeout}.
     *
     * @throws IOException          if the tool cannot be started or its output cannot be read
     * @throws TimeoutException     if it ran longer than {@code timeout}; it was killed, with its children
     * @throws InterruptedException if this thread was interrupted; the tool was killed
     */
    static Outcome run(Path cwd, Duration timeout, List<String> command)
            throws IOException, TimeoutException, InterruptedException {
        Path log = Files.createTempFile(cwd, ".tool-", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p);
                throw e;
            }
            if (!finished) {
                killTree(p);
                throw new TimeoutException("`" + String.join(" ", command) + "` did not finish within "
                        + describe(timeout) + " and was stopped");
            }
            return new Outcome(p.exitValue(), tail(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Kills {@code p} and every process it started, and waits briefly for them to go. */
    static void killTree(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) throws IOException {
        long size = Files.size(log);
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.max(0, size - OUTPUT_TAIL));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** "15 minutes", "2 seconds", "1500 ms". */
    static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
        }
        return d.toMillis() + " ms";
    }
}
