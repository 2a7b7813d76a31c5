package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.ConvLayersContract;

/** The ConvLayers contract on the CPU backend on the pure-Java path. */
class CpuJavaConvLayersTest extends ConvLayersContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
