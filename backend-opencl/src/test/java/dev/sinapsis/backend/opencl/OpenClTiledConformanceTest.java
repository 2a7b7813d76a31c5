package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendConformanceSuite;

/** The conformance suite on OpenCL with every GEMM on the tiled kernel of {@code gemm.c}. */
class OpenClTiledConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.TILED);
    }
}
