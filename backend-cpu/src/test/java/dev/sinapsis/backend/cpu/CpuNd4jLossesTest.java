package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.LossesContract;

/** The Losses contract with every GEMM sent to ND4J. */
class CpuNd4jLossesTest extends LossesContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
