package dev.sinapsis.backend.cpu.gemm;

import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.CpuStorage;
import dev.sinapsis.backend.cpu.Parallel;
import java.util.ServiceLoader;

/**
 * Batched matmul for the CPU backend: walks the batch dimensions and sends each product to the
 * packed Java GEMM ({@link JavaSgemm}, {@link JavaDgemm}), the simple loop (tiny products, a few
 * rows against a wide B) or, with {@link Nd4jMode#ON} only, ND4J: a {@link NativeGemm} found on the
 * class path, which the module {@value #ND4J_ARTIFACT} brings.
 *
 * <p>Why not ND4J in {@link Nd4jMode#AUTO}: the Java GEMM measured faster at every size in both
 * precisions (2-core AMD EPYC Zen 5, 2 threads; ND4J 1.0.0-M2.1's bundled OpenBLAS): F32 311 / 358 /
 * 349 / 336 GFLOP/s against 131 / 218 / 278 / 305 at n = 256 / 512 / 1024 / 2048; F64 85 / 144 /
 * 126 / 140 against 57 / 12 / 23 / 40. With {@code -XX:UseAVX=2} (the 6×2 tiles) ND4J's F32 was
 * 1.1-1.3x faster at 1024-2048 but 0.65x at 3072, and its F64 slower at every size: too erratic
 * to route by.
 */
public final class MatmulEngine {
    private static final System.Logger LOG = System.getLogger(MatmulEngine.class.getName());
    /** Below this many multiply-adds packing costs more than it saves. */
    static final long PACKED_MIN_MACS = 32L * 32 * 32;

    /** At most this many rows of A against a row-major B: the unpacked loop wins (no B packing). */
    static final int SMALL_M = 8;

    /** The artifact that brings the ND4J fast path, named in messages. */
    public static final String ND4J_ARTIFACT = "dev.sinapsis:sinapsis-backend-cpu-nd4j";

    private final Nd4jMode mode;
    private final NativeGemm nativeGemm;

    /**
     * An engine in the given mode. {@link Nd4jMode#ON} loads ND4J and fails with
     * {@link BackendUnavailableException} when its natives do not load; the other modes never load it.
     */
    public MatmulEngine(Nd4jMode mode) {
        this.mode = mode;
        if (mode != Nd4jMode.ON) {
            nativeGemm = null;
            if (mode == Nd4jMode.AUTO) {
                LOG.log(System.Logger.Level.DEBUG, "every product runs on the Java GEMM (-D" + Nd4jMode.PROPERTY
                        + "=on sends them to ND4J)");
            }
            return;
        }
        NativeGemm found = ServiceLoader.load(NativeGemm.class, MatmulEngine.class.getClassLoader())
                .findFirst().orElse(null);
        String why;
        if (found == null) {
            why = "the ND4J fast path is not on the class path";
        } else {
            try {
                why = found.load();
            } catch (LinkageError e) { // the module is there but ND4J's own jars are not
                why = "ND4J's jars are not on the class path (" + e + ")";
            }
        }
        if (why != null) {
            throw new BackendUnavailableException("cpu backend with -D" + Nd4jMode.PROPERTY + "=on: " + why
                    + ". Fix: add the dependency " + ND4J_ARTIFACT + " (it brings nd4j-native and the "
                    + platform() + " natives), or run with -D" + Nd4jMode.PROPERTY + "=auto to use the Java GEMM");
        }
        nativeGemm = found;
    }

    private static String platform() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).replace(" ", "") + "-"
                + System.getProperty("os.arch");
    }

    /** The mode asked for. */
    public Nd4jMode mode() {
        return mode;
    }

    /** True when products may go to ND4J. */
    public boolean usesNd4j() {
        return nativeGemm != null;
    }

    /** Which GEMM runs which products, in words (for a backend's description). */
    public String describe() {
        return nativeGemm == null ? "Java (Vector API)" : "ND4J (OpenBLAS)";
    }

    /** See {@link dev.sinapsis.backend.MatmulOps#matmul}. */
    public void matmul(View out, View a, View b) {
        int rank = out.rank();
        int m = out.dim(rank - 2);
        int n = out.dim(rank - 1);
        int k = a.dim(rank - 1);
        if (a.dtype() != b.dtype() || a.dtype() != out.dtype() || !a.dtype().isFloating()) {
            throw new IllegalArgumentException("matmul: the cpu backend multiplies F32 or F64 operands of one dtype, got "
                    + a.dtype() + " and " + b.dtype());
        }
        int[] batchDims = java.util.Arrays.copyOf(out.shape().toArray(), rank - 2);
        int batches = 1;
        for (int d : batchDims) {
            batches *= d;
        }
        int[][] offsets = batchOffsets(batchDims, batches, out, a, b);
        Object ad = CpuStorage.of(a.storage()).array();
        Object bd = CpuStorage.of(b.storage()).array();
        Object od = CpuStorage.of(out.storage()).array();
        int[] as = a.strides();
        int[] bs = b.strides();
        long macs = (long) m * n * k;
        Parallel.forRange(batches, 2 * macs, (from, to) -> {
            for (int t = from; t < to; t++) {
                Matrix ma = new Matrix(ad, offsets[1][t], m, k, as[rank - 2], as[rank - 1]);
                Matrix mb = new Matrix(bd, offsets[2][t], k, n, bs[rank - 2], bs[rank - 1]);
                Matrix mc = Matrix.rowMajor(od, offsets[0][t], m, n);
                gemm(ma, mb, mc);
            }
        });
    }

    /** Element offsets of each batch's matrix in out, a and b. */
    private static int[][] batchOffsets(int[] batchDims, int batches, View out, View a, View b) {
        int[][] offsets = new int[3][batches];
        View[] views = {out, a, b};
        int[] idx = new int[batchDims.length];
        for (int t = 0; t < batches; t++) {
            for (int v = 0; v < 3; v++) {
                int o = views[v].offset();
                for (int d = 0; d < batchDims.length; d++) {
                    o += idx[d] * views[v].strides()[d];
                }
                offsets[v][t] = o;
            }
            for (int d = batchDims.length - 1; d >= 0; d--) {
                if (++idx[d] < batchDims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return offsets;
    }

    private void gemm(Matrix a, Matrix b, Matrix c) {
        if (nativeGemm != null && (long) a.rows() * b.cols() * a.cols() > 0) {
            nativeGemm.gemm(a, b, c);
        } else {
            javaGemm(a, b, c);
        }
    }

    /**
     * {@code c = a·b} on the Java GEMM, whatever the mode: the packed kernels ({@link JavaSgemm},
     * {@link JavaDgemm}, threads splitting the product), or the simple loop for tiny products and a
     * few rows against a row-major B. {@code c} is row-major; F32 or F64 from the arrays' type.
     */
    public static void javaGemm(Matrix a, Matrix b, Matrix c) {
        long macs = (long) a.rows() * b.cols() * a.cols();
        boolean f32 = c.data() instanceof float[];
        boolean packed = macs >= PACKED_MIN_MACS && !(a.rows() <= SMALL_M && b.colStride() == 1);
        if (macs == 0) {
            zero(c);
        } else if (f32 && DotGemm.suits(a, b)) {
            DotGemm.gemm(a, b, c);
        } else if (f32 && packed) {
            JavaSgemm.gemm(a, b, c);
        } else if (f32) {
            SimpleGemm.gemmF32(a, b, c);
        } else if (packed) {
            JavaDgemm.gemm(a, b, c);
        } else {
            SimpleGemm.gemmF64(a, b, c);
        }
    }

    private static void zero(Matrix c) {
        for (int i = 0; i < c.rows(); i++) {
            int row = c.offset() + i * c.rowStride();
            if (c.data() instanceof float[] f) {
                java.util.Arrays.fill(f, row, row + c.cols(), 0f);
            } else {
                java.util.Arrays.fill((double[]) c.data(), row, row + c.cols(), 0.0);
            }
        }
    }
}
