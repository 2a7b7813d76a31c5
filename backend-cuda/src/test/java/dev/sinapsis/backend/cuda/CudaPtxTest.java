package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.kernels.CudaPtx;
import dev.sinapsis.kernels.KernelSpec;
import dev.sinapsis.kernels.ProgramSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX, checked everywhere (no GPU, no nvcc): it is in the jar's resources, it was
 * made from the current kernel text (its header hash), it declares every kernel of every program
 * the backend launches, and it targets the oldest supported architecture.
 */
class CudaPtxTest {
    private static String ptx() {
        byte[] z = CudaModules.shippedPtx();
        assertEquals(0, z[z.length - 1], "NUL-terminated for cuModuleLoadData");
        return new String(z, 0, z.length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void thePtxWasBuiltFromTheCurrentKernelText() {
        String stored = CudaPtx.storedHash(ptx());
        assertNotNull(stored, "sinapsis.ptx lacks its first line '" + CudaPtx.HASH_HEADER + "<sha256>'");
        assertEquals(CudaPtx.sha256(CudaPtx.source()), stored, "sinapsis.ptx is stale: the kernel text changed since "
                + "it was compiled. Regenerate it (needs nvcc) with `" + CudaPtx.REGENERATE + "` and commit "
                + "backend-cuda/src/main/resources/dev/sinapsis/backend/cuda/sinapsis.ptx");
    }

    @Test
    void everyKernelOfEveryProgramIsAnEntry() {
        String text = ptx();
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (ProgramSpec p : CudaPtx.programs()) {
            for (KernelSpec k : p.kernels()) {
                for (String entry : CudaPtx.entries(k)) {
                    count++;
                    if (!CudaPtx.hasEntry(text, entry)) {
                        missing.add(entry);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "the PTX lacks " + missing.size() + " of " + count + " kernels: " + missing);
        assertTrue(count > 400, "every program was enumerated: " + count);
    }

    @Test
    void thePtxTargetsTuringAndIsSixtyFourBit() {
        String text = ptx();
        assertTrue(text.contains("\n.target sm_75"), "compute_75 PTX");
        assertTrue(text.contains("\n.address_size 64"));
        assertTrue(text.matches("(?s).*\n\\.version \\d+\\.\\d+\n.*"), "a PTX ISA version line");
    }
}
