package dev.sinapsis.backend.cpu.novector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.cpu.VectorSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (a library user who forgot it)
 * is told the CPU backend is unavailable and which flag to add, not a raw NoClassDefFoundError.
 */
class MissingVectorModuleTest {
    @Test
    void thisJvmHasTheModule() {
        assertTrue(VectorSupport.present());
    }

    @Test
    void aJvmWithoutTheFlagIsToldWhichFlagToAdd() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NoVectorProbe.class.getName())).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("NoClassDefFoundError") || out.contains("ClassNotFoundException"), out);
        for (String what : new String[] {"tensor", "constructor"}) {
            String line = out.lines().filter(l -> l.startsWith(what + " ")).findFirst().orElse("(no line)");
            assertTrue(line.startsWith(what + " threw dev.sinapsis.backend.BackendUnavailableException: "), out);
            assertTrue(line.contains("add --add-modules jdk.incubator.vector to the java command line"), out);
        }
    }
}
