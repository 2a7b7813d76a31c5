package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.optim.OptimizerGoldenContract;

/** The OptimizerGoldenContract on the CPU backend with ND4J OFF. */
class CpuJavaOptimizerGoldenTest extends OptimizerGoldenContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
