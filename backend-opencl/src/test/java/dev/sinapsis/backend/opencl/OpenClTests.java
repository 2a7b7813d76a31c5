package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sinapsis.backend.Availability;
import java.util.EnumMap;
import java.util.Map;

/**
 * Shared by the OpenCL tests: one backend per GEMM mode for the whole test JVM (programs compile
 * once). Without OpenCL the tests are skipped with the reason, unless
 * {@code -Dsinapsis.requireOpenCL=true} (CI) turns that into a failure.
 */
final class OpenClTests {
    /** System property that makes a missing OpenCL a test failure instead of a skip. */
    static final String REQUIRE = "sinapsis.requireOpenCL";
    private static final Map<OpenClBackend.GemmMode, OpenClBackend> BACKENDS = new EnumMap<>(OpenClBackend.GemmMode.class);

    private OpenClTests() {
    }

    /** Skips (or, with -Dsinapsis.requireOpenCL=true, fails) when OpenCL cannot run here. */
    static void assumeOpenCl() {
        Availability a = OpenClBackendProvider.probe();
        if (!a.available()) {
            String why = "OpenCL unavailable: " + a.reason() + ". Fix: " + a.fix();
            if (Boolean.getBoolean(REQUIRE)) {
                fail(why + " (-D" + REQUIRE + "=true makes this a failure)");
            }
            assumeTrue(false, why);
        }
    }

    /** The shared backend with {@code mode}'s GEMM. */
    static synchronized OpenClBackend backend(OpenClBackend.GemmMode mode) {
        assumeOpenCl();
        return BACKENDS.computeIfAbsent(mode, OpenClBackend::new);
    }

    /** The shared backend with the default (auto) GEMM. */
    static OpenClBackend backend() {
        return backend(OpenClBackend.GemmMode.AUTO);
    }
}
