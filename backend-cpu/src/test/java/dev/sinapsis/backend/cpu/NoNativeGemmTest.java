package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.cpu.gemm.MatmulEngine;
import dev.sinapsis.backend.cpu.gemm.NativeGemm;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * This module's test class path has no ND4J (it is the separate sinapsis-backend-cpu-nd4j): the
 * backend must then work on the Java path in auto mode and say how to get ND4J in on mode.
 */
class NoNativeGemmTest {
    @Test
    void noNativeGemmIsOnTheClassPath() {
        assertEquals(0, ServiceLoader.load(NativeGemm.class).stream().count());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"));
    }

    @Test
    void autoModeFallsBackToJava() {
        assertFalse(new CpuBackend(Nd4jMode.AUTO).usesNd4j());
    }

    @Test
    void onModeNamesTheMissingArtifact() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> new CpuBackend(Nd4jMode.ON));
        assertTrue(e.getMessage().contains(MatmulEngine.ND4J_ARTIFACT), e.getMessage());
        assertTrue(e.getMessage().contains("-Dsinapsis.cpu.nd4j=auto"), e.getMessage());
    }
}
