package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sinapsis.backend.Availability;
import java.util.EnumMap;
import java.util.Map;

/**
 * Shared by the CUDA tests: one backend per GEMM mode for the whole test JVM. Without a usable
 * NVIDIA GPU the tests are skipped with the probe's reason, unless {@code -Dsinapsis.requireCuda=true}
 * (GPU machines) turns that into a failure.
 */
final class CudaTests {
    /** System property that makes an unavailable CUDA a test failure instead of a skip. */
    static final String REQUIRE = "sinapsis.requireCuda";
    private static final Map<CudaBackend.GemmMode, CudaBackend> BACKENDS = new EnumMap<>(CudaBackend.GemmMode.class);

    private CudaTests() {
    }

    /** Skips (or, with -Dsinapsis.requireCuda=true, fails) when CUDA cannot run here. */
    static void assumeCuda() {
        Availability a = CudaBackendProvider.result().availability();
        if (!a.available()) {
            String why = "CUDA unavailable: " + a.reason() + ". Fix: " + a.fix();
            if (Boolean.getBoolean(REQUIRE)) {
                fail(why + " (-D" + REQUIRE + "=true makes this a failure)");
            }
            assumeTrue(false, why);
        }
    }

    /** The shared backend with {@code mode}'s GEMM. */
    static synchronized CudaBackend backend(CudaBackend.GemmMode mode) {
        assumeCuda();
        return BACKENDS.computeIfAbsent(mode, CudaBackend::new);
    }

    /**
     * The shared backend whose every product goes to cuBLAS; skipped with the reason where cuBLAS
     * cannot load (a machine with a CUDA 13 toolkit only has no libcublas.so.12), GPU or not.
     */
    static synchronized CudaBackend cublasBackend() {
        CudaBackend b = backend(CudaBackend.GemmMode.AUTO);
        String auto = b.description();
        assumeTrue(auto.contains("GEMM: cuBLAS"), "cuBLAS unavailable here: " + auto.lines().findFirst().orElse(""));
        return BACKENDS.computeIfAbsent(CudaBackend.GemmMode.CUBLAS, CudaBackend::new);
    }
}
