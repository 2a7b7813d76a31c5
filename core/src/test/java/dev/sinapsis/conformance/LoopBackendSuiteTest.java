package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;

/** The whole suite on the naive {@link LoopBackend}: validates the suite and the core op layer without a real backend. */
class LoopBackendSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return new LoopBackend();
    }
}
