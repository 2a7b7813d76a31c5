package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendSuite;

/** The whole backend suite on CUDA with every GEMM on the tiled kernel of {@code gemm.c}. */
class CudaSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return CudaTests.backend(CudaBackend.GemmMode.TILED);
    }

    @Override
    protected Backend createIsolatedBackend() {
        CudaTests.assumeCuda();
        return new CudaBackend(CudaBackend.GemmMode.TILED);
    }
}
