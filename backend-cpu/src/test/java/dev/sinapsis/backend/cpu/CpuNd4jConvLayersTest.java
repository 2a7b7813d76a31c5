package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.ConvLayersContract;

/** The ConvLayers contract on the CPU backend with every GEMM sent to ND4J. */
class CpuNd4jConvLayersTest extends ConvLayersContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
