package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.MemoryScopeContract;

/** The MemoryScope contract on OpenCL: device memory flat under scopes, from the pool's counters. */
class OpenClMemoryScopeTest extends MemoryScopeContract {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend();
    }

    @Override
    protected Backend createIsolatedBackend() {
        OpenClTests.assumeOpenCl();
        return new OpenClBackend(OpenClBackend.GemmMode.AUTO);
    }
}
