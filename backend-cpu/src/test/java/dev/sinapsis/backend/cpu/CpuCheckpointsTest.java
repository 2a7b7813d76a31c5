package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.io.CheckpointsContract;

/** The CheckpointsContract on the pure-Java CPU path. */
class CpuCheckpointsTest extends CheckpointsContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
