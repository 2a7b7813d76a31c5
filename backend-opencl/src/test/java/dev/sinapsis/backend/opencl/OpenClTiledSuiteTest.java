package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on OpenCL with every GEMM on the tiled kernel of {@code gemm.c}. */
class OpenClTiledSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.TILED);
    }

    @Override
    protected Backend createIsolatedBackend() {
        OpenClTests.assumeOpenCl();
        return new OpenClBackend(OpenClBackend.GemmMode.TILED);
    }
}
