package dev.sinapsis.backend.cpu.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import org.junit.jupiter.api.Test;

/** With this module on the class path the CPU backend finds ND4J by itself (no code names it). */
class Nd4jFoundTest {
    @Test
    void autoModeFindsNd4j() {
        assertTrue(new CpuBackend(Nd4jMode.AUTO).usesNd4j());
    }
}
