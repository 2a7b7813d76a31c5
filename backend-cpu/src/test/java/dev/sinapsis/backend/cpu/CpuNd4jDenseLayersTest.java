package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.DenseLayersContract;

/** The DenseLayers contract with every GEMM sent to ND4J. */
class CpuNd4jDenseLayersTest extends DenseLayersContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
