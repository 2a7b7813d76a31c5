package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on the pure-Java CPU path (every GEMM in the Vector API kernels, no ND4J). */
class CpuJavaSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
