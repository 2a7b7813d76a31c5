package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;

/** The MemoryScope contract on the reference LoopBackend. */
class LoopBackendMemoryScopeTest extends MemoryScopeContract {
    @Override
    protected Backend createBackend() {
        return new LoopBackend();
    }
}
