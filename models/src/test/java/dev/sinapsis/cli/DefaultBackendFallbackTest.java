package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the default backend is not the first choice, the program says once why: a JVM started
 * without the Vector API module cannot use the CPU backend, and the fallback to a slower one
 * must not be silent.
 */
class DefaultBackendFallbackTest {
    @Test
    void passingOverTheCpuBackendIsLoggedOnceWithItsFix(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("out.txt");
        Process p = ChildCli.start(false, log, "devices");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
        String out = ChildCli.output(log);
        assertEquals(0, p.exitValue(), out);
        var warnings = out.lines().filter(l -> l.startsWith("sinapsis: WARNING Backends: using the ")).toList();
        assertEquals(1, warnings.size(), out);
        String w = warnings.get(0);
        assertTrue(w.contains("cpu is unavailable (the JVM was started without --add-modules jdk.incubator.vector"), w);
        assertTrue(w.contains("fix: add --add-modules jdk.incubator.vector"), w);
    }
}
