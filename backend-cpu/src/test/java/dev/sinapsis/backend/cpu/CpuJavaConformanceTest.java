package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.conformance.BackendConformanceSuite;

/** The conformance suite on the CPU backend in pure-Java mode (no ND4J). */
class CpuJavaConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
