package dev.sinapsis.backend.cpu.nd4j;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on the CPU backend with every GEMM sent to ND4J. */
class CpuNd4jSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
