package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.BatchNormContract;

/** The BatchNorm contract on the CPU backend with every GEMM sent to ND4J. */
class CpuNd4jBatchNormTest extends BatchNormContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
