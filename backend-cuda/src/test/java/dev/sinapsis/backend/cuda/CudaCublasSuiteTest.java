package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.conformance.BackendSuite;

/**
 * The whole backend suite on CUDA with every product whose layout allows it on cuBLAS (skipped
 * with the reason where {@code libcublas.so.12} is absent).
 */
class CudaCublasSuiteTest extends BackendSuite {
    @Override
    protected Backend createBackend() {
        return CudaTests.cublasBackend();
    }

    @Override
    protected Backend createIsolatedBackend() {
        CudaTests.cublasBackend();
        return new CudaBackend(CudaBackend.GemmMode.CUBLAS);
    }
}
