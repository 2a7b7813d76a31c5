package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.Backends;
import org.junit.jupiter.api.Test;

/**
 * On a machine without the NVIDIA driver (CI, this project's build machines): the provider is
 * registered, says why CUDA cannot run and how to fix it, ranks below the CPU backend, and
 * creating the backend fails with the same one line. Skipped where the driver is installed.
 */
class CudaUnavailableHereTest {
    @Test
    void withoutTheDriverTheProviderSaysWhyAndRanksLast() {
        assumeFalse(NativeLibraries.system().has("libcuda.so.1"), "this machine has the NVIDIA driver");
        BackendProvider p = Backends.providers().stream().filter(x -> x.name().equals("cuda")).findFirst()
                .orElseThrow(() -> new AssertionError("the cuda provider is not registered (META-INF/services)"));
        Availability a = p.availability();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no NVIDIA driver (libcuda.so.1 not found"), a.reason());
        assertEquals(-20, p.priority());
        assertTrue(Backends.providers().stream().anyMatch(x -> x.name().equals("cpu") && x.priority() > p.priority()));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, CudaBackend::new);
        assertEquals("CUDA is not available: " + a.reason() + ". Fix: " + a.fix(), e.getMessage());
        assertTrue(CudaBackendProvider.result() == CudaBackendProvider.result(), "probed once, cached");
    }
}
