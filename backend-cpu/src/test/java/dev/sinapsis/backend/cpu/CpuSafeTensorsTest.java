package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.io.SafeTensorsContract;

/** The SafeTensorsContract on the pure-Java CPU path. */
class CpuSafeTensorsTest extends SafeTensorsContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
