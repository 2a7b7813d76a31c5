package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.LearningContract;

/** The learning contract on OpenCL (PoCL in CI). */
class OpenClLearningTest extends LearningContract {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend();
    }
}
