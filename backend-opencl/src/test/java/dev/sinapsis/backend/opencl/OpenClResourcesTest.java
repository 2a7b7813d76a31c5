package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.kernels.KernelSignature;
import dev.sinapsis.kernels.KernelSpec;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend releases what it holds: close(), failed program builds, an honest GEMM description. */
class OpenClResourcesTest {

    @Test
    void closeReleasesProgramsCacheQueueAndContext() {
        OpenClTests.assumeOpenCl();
        OpenClBackend b = new OpenClBackend(OpenClBackend.GemmMode.TILED);
        Tensor survivor;
        try (var on = Backends.using(b)) {
            survivor = Tensor.ones(16);
            Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
            assertArrayEquals(new double[] {7, 10, 15, 22}, x.matmul(x).toDoubleArray());
            x.add(1).close();
        }
        assertTrue(b.runtime().livePrograms() > 0, "programs were built");
        assertTrue(b.memoryStats().cachedBytes() > 0, "freed buffers were cached");
        b.close();
        assertEquals(0, b.runtime().livePrograms(), "every program released");
        assertEquals(0, b.memoryStats().cachedBytes(), "the cache went back to the driver");
        long live = b.memoryStats().liveBytes();
        survivor.close(); // a storage outliving the backend is freed, not cached
        assertTrue(b.memoryStats().liveBytes() < live);
        assertEquals(0, b.memoryStats().cachedBytes());
        try (var on = Backends.using(b)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(3).add(1));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
        b.close(); // idempotent
        assertTrue(b.description().endsWith("(closed)"), b.description());
    }

    @Test
    void aFailedBuildReleasesItsProgram() {
        OpenClTests.assumeOpenCl();
        OpenClBackend b = new OpenClBackend(OpenClBackend.GemmMode.TILED);
        try {
            KernelSignature sig = KernelSignature.of("broken").ints("n").build();
            ProgramSpec bad = new ProgramSpec("broken", List.of(KernelSpec.of("scan.c", "broken")
                    .define("T", "no_such_type").define("ACC", "double").define("REVERSE", 0)
                    .signatures(List.of(sig)).build()));
            int before = b.runtime().livePrograms();
            OpenClException e = assertThrows(OpenClException.class, () -> b.runtime().kernel(bad, "broken"));
            assertTrue(e.getMessage().contains("building program broken"), e.getMessage());
            assertEquals(before, b.runtime().livePrograms(), "the failed program was released");
            assertThrows(OpenClException.class, () -> b.runtime().kernel(bad, "broken"), "and not cached");
            assertEquals(before, b.runtime().livePrograms());
        } finally {
            b.close();
        }
    }

    @Test
    void descriptionSaysWhichGemmRuns() {
        OpenClBackend auto = OpenClTests.backend(OpenClBackend.GemmMode.AUTO);
        String d = auto.description();
        assertTrue(d.contains("CLBlast for large products") || d.contains("CLBlast unavailable:"), d);
        assertTrue(OpenClTests.backend(OpenClBackend.GemmMode.TILED).description().endsWith("GEMM: tiled kernel"));
    }
}
