package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendConformanceSuite;

/** The conformance suite on OpenCL with every GEMM whose layout CLBlast takes sent to CLBlast. */
class OpenClClBlastConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.CLBLAST);
    }
}
