package dev.sinapsis.backend.cpu.nd4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import org.junit.jupiter.api.Test;

/**
 * With this module on the class path the CPU backend finds ND4J by itself (no code names it) when
 * asked to use it, and leaves it alone otherwise (the Java GEMM measured faster).
 */
class Nd4jFoundTest {
    @Test
    void onModeFindsNd4j() {
        CpuBackend cpu = new CpuBackend(Nd4jMode.ON);
        assertTrue(cpu.usesNd4j());
        assertTrue(cpu.description().contains("GEMM: ND4J (OpenBLAS)"), cpu.description());
    }

    @Test
    void autoModeLeavesNd4jAlone() {
        CpuBackend cpu = new CpuBackend(Nd4jMode.AUTO);
        assertFalse(cpu.usesNd4j());
        assertTrue(cpu.description().contains("GEMM: Java (Vector API)"), cpu.description());
    }
}
