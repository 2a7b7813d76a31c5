package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.conformance.MemoryScopeContract;

/** The MemoryScope contract on the CPU backend. */
class CpuMemoryScopeTest extends MemoryScopeContract {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(Nd4jMode.OFF);
    }
}
