package dev.sinapsis.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders every kernel as CUDA C and compiles it with {@code nvcc -ptx -arch=compute_75}: the
 * CUDA backend's kernels are the same text the OpenCL backend runs in CI. Skipped without nvcc,
 * unless {@code -Dsinapsis.requireNvcc=true} (CI) makes that a failure.
 */
class CudaRenderingTest {
    @TempDir
    Path dir;

    /** System property that makes a missing nvcc a test failure instead of a skip (CI sets it). */
    static final String REQUIRE = "sinapsis.requireNvcc";

    static String nvcc() {
        return CudaPtx.nvcc();
    }

    @Test
    void everyKernelCompilesWithNvcc() throws IOException, InterruptedException {
        String nvcc = nvcc();
        String missing = "nvcc is not on this machine (PATH, CUDA_HOME, /usr/local/cuda): "
                + "the CUDA rendering is not compiled";
        if (nvcc == null && Boolean.getBoolean(REQUIRE)) {
            fail(missing + " (-D" + REQUIRE + "=true makes this a failure; install the CUDA toolkit)");
        }
        assumeTrue(nvcc != null, missing);
        List<ProgramSpec> programs = new ArrayList<>(Kernels.all(true, Kernels.GemmTiles.GPU, 4));
        // one compilation unit (nvcc starts slowly): every kernel name is distinct
        String source = ProgramSpec.merge("all", programs).render(Target.CUDA, true);
        Path cu = dir.resolve("sinapsis_all.cu");
        Files.writeString(cu, source, StandardCharsets.UTF_8);
        Path ptx = dir.resolve("sinapsis_all.ptx");
        Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=compute_75", "-fmad=false", cu.toString(), "-o", ptx.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), "nvcc failed on the CUDA rendering (" + cu + "):\n" + out);
        String text = Files.readString(ptx);
        for (ProgramSpec prog : programs) {
            for (KernelSpec k : prog.kernels()) {
                for (String entry : entries(k)) {
                    assertTrue(hasEntry(text, entry), "PTX lacks kernel " + entry);
                }
            }
        }
    }

    static boolean hasEntry(String ptx, String name) {
        return CudaPtx.hasEntry(ptx, name);
    }

    static List<String> entries(KernelSpec k) {
        return CudaPtx.entries(k);
    }

    @Test
    void everySpecDefinesTheKernelsItsTextDeclares() {
        for (ProgramSpec prog : Kernels.all(true, Kernels.GemmTiles.GPU, 4)) {
            for (KernelSpec k : prog.kernels()) {
                List<String> e = entries(k);
                assertFalse(e.isEmpty(), "no KERNEL in " + k.source());
                switch (k.source()) {
                    case "elementwise.c" -> assertEquals(List.of(k.name(), Kernels.vecName(k.name())), e);
                    case "conv.c" -> assertEquals(List.of(k.name() + "_im2col", k.name() + "_col2im"), e);
                    case "conv2d.c" -> assertEquals(List.of(k.name() + "_fwd", k.name() + "_dgrad",
                            k.name() + "_wgrad", k.name() + "_wsum"), e);
                    case "reduce.c" -> assertEquals(List.of(k.name(), k.name() + "_part", k.name() + "_combine"), e);
                    default -> assertTrue(e.size() >= 1, e::toString);
                }
            }
        }
    }

    @Test
    void ptxEntryCheckMatchesOnlyTheKernelItself() {
        String ptx = "// unary_F32_EXP is referenced here\n.visible .entry unary_F32_EXP_v4(\n.entry softmax_F32 (\n";
        assertTrue(hasEntry(ptx, "unary_F32_EXP_v4"));
        assertTrue(hasEntry(ptx, "softmax_F32"));
        assertFalse(hasEntry(ptx, "unary_F32_EXP"), "a comment or a longer entry name is not the kernel");
        assertFalse(hasEntry(ptx, "softmax"), "a prefix is not the kernel");
    }

    @Test
    void renderingSpecialisesByDefinesNotCopies() {
        String cl = Kernels.unary(dev.sinapsis.tensor.DType.F32, 4).render(Target.OPENCL, true);
        assertTrue(cl.contains("#define KNAME unary_F32_EXP"));
        assertTrue(cl.contains("#define EXPR exp(a)"));
        assertTrue(cl.contains("#define VEC 4"));
        assertTrue(cl.contains("__kernel void"));
        String cu = Kernels.unary(dev.sinapsis.tensor.DType.F32, 4).render(Target.CUDA, true);
        assertTrue(cu.contains("extern \"C\" __global__ void"));
        // one kernel text for every width: the widths differ only in the define
        String one = Kernels.binary(dev.sinapsis.tensor.DType.F32, 1).render(Target.OPENCL, true);
        String eight = Kernels.binary(dev.sinapsis.tensor.DType.F32, 8).render(Target.OPENCL, true);
        assertEquals(one.replace("#define VEC 1", "#define VEC 8").replace("_v1 ", "_v8 "), eight);
        String softmax = Kernels.softmax(dev.sinapsis.tensor.DType.F32, true).render(Target.CUDA, true);
        assertTrue(softmax.contains("#define KNAME log_softmax_F32") && softmax.contains("#define LOG 1"));
    }
}
