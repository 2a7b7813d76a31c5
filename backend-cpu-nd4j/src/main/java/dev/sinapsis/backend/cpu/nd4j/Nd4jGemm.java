package dev.sinapsis.backend.cpu.nd4j;

import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.backend.cpu.gemm.Matrix;
import dev.sinapsis.backend.cpu.gemm.NativeGemm;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GEMM through ND4J's native backend (OpenBLAS). Operands are copied into ND4J arrays (a
 * row-major or column-major operand without gaps is copied as is, any other layout is packed first),
 * multiplied by {@code Nd4j.gemm}, and the result copied back; the ND4J arrays are closed at once so
 * off-heap memory does not wait for the garbage collector. Found by the CPU backend through
 * {@link java.util.ServiceLoader}; the state is static because ND4J's native backend is loaded once
 * per JVM.
 */
public final class Nd4jGemm implements NativeGemm {
    private static final System.Logger LOG = System.getLogger(Nd4jGemm.class.getName());
    private static volatile String failure;
    private static volatile boolean loaded;

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public Nd4jGemm() {
    }

    @Override
    public String name() {
        return "ND4J (OpenBLAS)";
    }

    /**
     * Loads ND4J's native backend once. Returns null when it works, otherwise why not (logged once
     * at debug level).
     */
    @Override
    public String load() {
        return loadOnce();
    }

    private static synchronized String loadOnce() {
        if (loaded) {
            return null;
        }
        if (failure != null) {
            return failure;
        }
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(Parallel.threads());
            try (INDArray probe = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c')) {
                try (INDArray sq = probe.mmul(probe)) {
                    if (sq.getFloat(0, 0) != 7f) {
                        throw new IllegalStateException("ND4J returned a wrong product in its self-test");
                    }
                }
            }
            loaded = true;
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError...
            failure = "ND4J's native library did not load (" + t + ")";
            LOG.log(System.Logger.Level.DEBUG, failure + "; large GEMMs use the Java path");
            return failure;
        }
    }

    /** {@code c = a·b}, F32 or F64 as the arrays say. */
    @Override
    public void gemm(Matrix a, Matrix b, Matrix c) {
        boolean f32 = a.data() instanceof float[];
        DataType type = f32 ? DataType.FLOAT : DataType.DOUBLE;
        int m = a.rows();
        int n = b.cols();
        try (INDArray x = toNd(a, f32);
             INDArray y = toNd(b, f32);
             INDArray z = Nd4j.createUninitialized(type, new long[] {m, n}, 'c')) {
            Nd4j.gemm(x, y, z, false, false, 1.0, 0.0);
            if (f32) {
                float[] out = z.data().asFloat();
                copyRows(out, c, m, n);
            } else {
                double[] out = z.data().asDouble();
                copyRows(out, c, m, n);
            }
        }
    }

    private static void copyRows(Object rowMajor, Matrix c, int m, int n) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(rowMajor, i * n, c.data(), c.offset() + i * c.rowStride(), n);
        }
    }

    private static INDArray toNd(Matrix mat, boolean f32) {
        int r = mat.rows();
        int k = mat.cols();
        long[] shape = {r, k};
        int size = r * k;
        char order;
        int from = mat.offset();
        boolean dense;
        if (mat.colStride() == 1 && (mat.rowStride() == k || r == 1)) {
            order = 'c';
            dense = true;
        } else if (mat.rowStride() == 1 && (mat.colStride() == r || k == 1)) {
            order = 'f';
            dense = true;
        } else {
            order = 'c';
            dense = false;
        }
        if (f32) {
            float[] data = dense ? Arrays.copyOfRange(mat.floats(), from, from + size) : packF32(mat);
            return Nd4j.create(data, shape, order);
        }
        double[] data = dense ? Arrays.copyOfRange(mat.doubles(), from, from + size) : packF64(mat);
        return Nd4j.create(data, shape, order);
    }

    private static float[] packF32(Matrix mat) {
        float[] out = new float[mat.rows() * mat.cols()];
        float[] src = mat.floats();
        for (int i = 0; i < mat.rows(); i++) {
            for (int j = 0; j < mat.cols(); j++) {
                out[i * mat.cols() + j] = src[mat.offset() + i * mat.rowStride() + j * mat.colStride()];
            }
        }
        return out;
    }

    private static double[] packF64(Matrix mat) {
        double[] out = new double[mat.rows() * mat.cols()];
        double[] src = mat.doubles();
        for (int i = 0; i < mat.rows(); i++) {
            for (int j = 0; j < mat.cols(); j++) {
                out[i * mat.cols() + j] = src[mat.offset() + i * mat.rowStride() + j * mat.colStride()];
            }
        }
        return out;
    }
}
