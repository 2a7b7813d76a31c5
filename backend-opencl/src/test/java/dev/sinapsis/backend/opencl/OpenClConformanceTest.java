package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendConformanceSuite;

/** The conformance suite on OpenCL with the default GEMM choice (CLBlast for large products, tiled kernel otherwise). */
class OpenClConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.AUTO);
    }
}
