package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on OpenCL with every GEMM whose layout CLBlast takes sent to CLBlast. */
class OpenClClBlastSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTests.backend(OpenClBackend.GemmMode.CLBLAST);
    }

    @Override
    protected Backend createIsolatedBackend() {
        OpenClTests.assumeOpenCl();
        return new OpenClBackend(OpenClBackend.GemmMode.CLBLAST);
    }
}
