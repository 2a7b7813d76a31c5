package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.DenseLayersContract;

/** The DenseLayers contract with the pure-Java CPU path. */
class CpuJavaDenseLayersTest extends DenseLayersContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
