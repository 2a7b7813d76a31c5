package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.optim.TrainingToolsContract;

/** The TrainingToolsContract on the CPU backend with ND4J ON. */
class CpuNd4jTrainingToolsTest extends TrainingToolsContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.ON);
    }
}
