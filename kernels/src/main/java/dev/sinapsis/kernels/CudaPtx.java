package dev.sinapsis.kernels;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA backend's precompiled kernels: every program rendered as one CUDA C unit (double
 * precision, GPU GEMM tiles, elementwise width {@link #VEC}) and compiled by
 * {@code nvcc -ptx -arch=compute_75 -fmad=false}. The PTX file starts with {@link #HASH_HEADER}
 * and the SHA-256 of the source it was made from, so a kernel edit that was not recompiled is
 * detected ({@link #storedHash}).
 *
 * <p>{@link #main} is the build step: it regenerates the PTX file when its hash is stale and nvcc
 * is installed, and otherwise leaves the committed file alone (a machine without nvcc builds from
 * it). Regenerate by hand with
 * {@code mvn -o -B compile -pl kernels,backend-cuda -am}.
 */
public final class CudaPtx {
    /** First line of the PTX file, followed by the SHA-256 (hex) of {@link #source()}. */
    public static final String HASH_HEADER = "// sinapsis-cuda-source-sha256: ";
    /** Elements per work-item of the contiguous elementwise kernels in the CUDA backend. */
    public static final int VEC = 1;
    /** The virtual architecture the PTX targets (the oldest the backend supports). */
    public static final String ARCH = "compute_75";
    /** The command that regenerates the committed PTX (needs nvcc). */
    public static final String REGENERATE = "mvn -o -B compile -pl kernels,backend-cuda -am";

    private CudaPtx() {
    }

    /** Every program the CUDA backend runs. */
    public static List<ProgramSpec> programs() {
        return Kernels.all(true, Kernels.GemmTiles.GPU, VEC);
    }

    /** The whole rendering: one compilation unit, every kernel name distinct. */
    public static String source() {
        return ProgramSpec.merge("sinapsis_cuda", programs()).render(Target.CUDA, true);
    }

    /** SHA-256 of {@code text} (UTF-8) in lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The hash in the PTX text's first line, or null when it has no such line. */
    public static String storedHash(String ptx) {
        int eol = ptx.indexOf('\n');
        String first = eol < 0 ? ptx : ptx.substring(0, eol);
        return first.startsWith(HASH_HEADER) ? first.substring(HASH_HEADER.length()).trim() : null;
    }

    /** nvcc from PATH, CUDA_HOME or /usr/local/cuda, or null. */
    public static String nvcc() {
        List<String> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
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

    /**
     * Compiles {@code source} with {@code nvcc -ptx -arch=compute_75 -fmad=false} in {@code dir}
     * and returns the PTX text. Fused multiply-adds stay off so results match the other backends.
     */
    public static String compile(String nvcc, String source, Path dir) throws IOException, InterruptedException {
        Path cu = dir.resolve("sinapsis_cuda.cu");
        Path ptx = dir.resolve("sinapsis_cuda.ptx");
        Files.writeString(cu, source, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=" + ARCH, "-fmad=false", cu.toString(), "-o",
                ptx.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("nvcc timed out on " + cu);
        }
        if (p.exitValue() != 0) {
            throw new IOException("nvcc failed on the CUDA rendering (" + cu + "):\n" + out);
        }
        return Files.readString(ptx, StandardCharsets.UTF_8);
    }

    /**
     * True when the PTX declares the kernel {@code name} itself: {@code .entry name(} (kernels are
     * {@code extern "C"}, so unmangled); a longer name that merely starts with it, or the name
     * appearing elsewhere (a comment, a call), does not count.
     */
    public static boolean hasEntry(String ptx, String name) {
        return Pattern.compile("\\.entry\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(ptx).find();
    }

    private static final Pattern KERNEL = Pattern.compile("KERNEL\\s+(?:KNAME|CAT\\(KNAME,\\s*(\\w+)\\))\\s*\\(");

    /** The kernels {@code k} defines: {@code KERNEL KNAME(} and {@code KERNEL CAT(KNAME, _suffix)(} in its text. */
    public static List<String> entries(KernelSpec k) {
        List<String> names = new ArrayList<>();
        Matcher m = KERNEL.matcher(KernelSource.text(k.source()));
        while (m.find()) {
            names.add(k.name() + (m.group(1) == null ? "" : m.group(1)));
        }
        return names;
    }

    /**
     * The build step: {@code CudaPtx FILE} rewrites FILE when its hash differs from the current
     * rendering and nvcc is installed; otherwise it says why it left FILE alone.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CudaPtx PTX_FILE");
        }
        Path file = Path.of(args[0]);
        String source = source();
        String hash = sha256(source);
        if (Files.exists(file) && hash.equals(storedHash(Files.readString(file, StandardCharsets.UTF_8)))) {
            return; // up to date: nothing to say (the ./sinapsis launcher's first build shows this output)
        }
        String nvcc = nvcc();
        if (nvcc == null) {
            System.out.println("[ptx] WARNING: " + file + " is stale or missing and nvcc is not installed "
                    + "(PATH, CUDA_HOME, /usr/local/cuda): the committed PTX is used as it is");
            return;
        }
        Path dir = Files.createTempDirectory("sinapsis-ptx");
        try {
            String ptx = compile(nvcc, source, dir);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, HASH_HEADER + hash + "\n" + ptx, StandardCharsets.UTF_8);
            System.out.println("[ptx] regenerated " + file + " with " + nvcc + " (source " + hash.substring(0, 12) + ")");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
