package dev.sinapsis.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hung tool ({@code npm}, {@code apt-get}) with its output still open is stopped at the time
 * limit, together with the processes it started; a tool that finishes reports its exit code and output.
 */
class ToolRunnerTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aToolThatHangsWithItsOutputOpenIsStoppedWithItsChildren() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path childPid = tmp.resolve("child.pid");
        // prints, then waits on a child that keeps stdout open, like a stuck download
        Path tool = script("fake-npm", "echo downloading...\nsleep 600 &\necho $! > " + childPid + "\nwait");
        ToolRunner.TimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                ToolRunner.TimeoutException.class,
                () -> ToolRunner.run(work, Duration.ofMillis(1500), List.of(tool.toString(), "pack", "x"))));
        assertEquals("`" + tool + " pack x` did not finish within 1500 ms and was stopped", e.getMessage());
        long pid = Long.parseLong(Files.readString(childPid).strip());
        boolean childGone = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            }
            return true;
        });
        assertTrue(childGone, "the tool's child process was killed too");
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "no output file is left behind");
        }
    }

    @Test
    void aToolThatFinishesReportsItsExitCodeAndOutput() throws Exception {
        Path tool = script("fake-apt", "echo 'E: Unable to locate package x' >&2\nexit 100");
        ToolRunner.Outcome o = ToolRunner.run(tmp, Duration.ofSeconds(30), List.of(tool.toString()));
        assertEquals(100, o.exitCode());
        assertEquals("E: Unable to locate package x", o.output());
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().endsWith(".log")));
    }

    @Test
    void timeoutsAreDescribedInWholeUnits() {
        assertEquals("15 minutes", ToolRunner.describe(Duration.ofMinutes(15)));
        assertEquals("1 minute", ToolRunner.describe(Duration.ofMinutes(1)));
        assertEquals("2 seconds", ToolRunner.describe(Duration.ofSeconds(2)));
    }
}
