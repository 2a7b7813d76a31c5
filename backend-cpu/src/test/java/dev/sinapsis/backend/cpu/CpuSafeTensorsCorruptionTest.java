package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.io.SafeTensorsCorruptionContract;

/** The SafeTensorsCorruptionContract on the pure-Java CPU path. */
class CpuSafeTensorsCorruptionTest extends SafeTensorsCorruptionContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
