package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;

/** Runs the suite against the naive {@link LoopBackend}: validates the suite and the core op layer. */
class LoopBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new LoopBackend();
    }
}
