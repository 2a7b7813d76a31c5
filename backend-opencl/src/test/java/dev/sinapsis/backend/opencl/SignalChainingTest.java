package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SignalChainingTest {
    private static final String POCL = "Portable Computing Language";

    @Test
    void poclWithoutLibjsigIsWarnedAboutWithTheFix() {
        String maps = "7f00-7f01 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libpocl.so.2\n";
        String w = SignalChaining.warning(POCL, maps, "/opt/jdk").orElseThrow();
        assertTrue(w.contains("SIGSEGV") && w.contains("LD_PRELOAD=/opt/jdk/lib/libjsig.so"), w);
        String chained = maps + "7f02-7f03 r-xp 00000000 08:01 2 /opt/jdk/lib/libjsig.so\n";
        assertTrue(SignalChaining.warning(POCL, chained, "/opt/jdk").isEmpty());
        assertTrue(SignalChaining.warning("NVIDIA CUDA", maps, "/opt/jdk").isEmpty());
    }

    /** The build preloads libjsig for its test JVMs (pom.xml): without it PoCL's LLVM replaces the JVM's handlers. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theseTestsRunWithSignalChaining() throws IOException {
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        if (Files.exists(jsig)) {
            assertTrue(Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so"),
                    "libjsig.so is not preloaded in this test JVM; pom.xml's surefire environment should set LD_PRELOAD");
        }
    }
}
