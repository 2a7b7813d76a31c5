package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.PoolingContract;

/** The Pooling contract on the CPU backend on the pure-Java path. */
class CpuJavaPoolingTest extends PoolingContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
