package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on OpenCL with the default GEMM choice (CLBlast for large products, the tiled kernel otherwise). */
class OpenClSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.AUTO);
    }

    @Override
    protected Backend createIsolatedBackend() {
        OpenClTests.assumeOpenCl();
        return new OpenClBackend(OpenClBackend.GemmMode.AUTO);
    }
}
