package dev.sinapsis.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
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
 * CUDA backend's kernels are the same text the OpenCL backend runs in CI. Skipped without nvcc.
 */
class CudaRenderingTest {
    @TempDir
    Path dir;

    static String nvcc() {
        String path = System.getenv("PATH");
        List<String> candidates = new ArrayList<>();
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                candidates.add(d + File.separator + "nvcc");
            }
        }
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null) {
            candidates.add(cudaHome + "/bin/nvcc");
        }
        candidates.add("/usr/local/cuda/bin/nvcc");
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    @Test
    void everyKernelCompilesWithNvcc() throws IOException, InterruptedException {
        String nvcc = nvcc();
        assumeTrue(nvcc != null, "nvcc is not on this machine (PATH, CUDA_HOME, /usr/local/cuda): "
                + "the CUDA rendering is not compiled");
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
                assertTrue(text.contains(".entry " + k.name()) || text.contains(".entry " + k.name() + "_")
                        || text.contains(k.name()), "PTX lacks kernel " + k.name());
                if (k.source().equals("elementwise.c")) {
                    assertTrue(text.contains(".entry " + Kernels.vecName(k.name())), "PTX lacks kernel "
                            + Kernels.vecName(k.name()));
                }
            }
        }
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
