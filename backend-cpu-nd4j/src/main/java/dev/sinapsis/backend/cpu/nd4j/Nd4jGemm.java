package dev.sinapsis.backend.cpu.nd4j;

import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.backend.cpu.gemm.Matrix;
import dev.sinapsis.backend.cpu.gemm.NativeGemm;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
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
        try (INDArray x = toNd(a, type);
             INDArray y = toNd(b, type);
             INDArray z = Nd4j.createUninitialized(type, new long[] {m, n}, 'c')) {
            Nd4j.gemm(x, y, z, false, false, 1.0, 0.0);
            copyRows(z, c, m, n, f32);
        }
    }

    /*
     * The copies in and out go through JavaCPP's bulk pointer transfers (one native memcpy per row):
     * Nd4j.create(float[]) and DataBuffer.asFloat() copy element by element, which cost a training
     * step of small products (an LSTM's) a quarter of its time.
     */

    private static void copyRows(INDArray z, Matrix c, int m, int n, boolean f32) {
        Pointer base = z.data().addressPointer();
        if (f32) {
            FloatPointer out = new FloatPointer(base);
            float[] dst = c.floats();
            for (int i = 0; i < m; i++) {
                out.position((long) i * n).get(dst, c.offset() + i * c.rowStride(), n);
            }
        } else {
            DoublePointer out = new DoublePointer(base);
            double[] dst = c.doubles();
            for (int i = 0; i < m; i++) {
                out.position((long) i * n).get(dst, c.offset() + i * c.rowStride(), n);
            }
        }
    }

    private static INDArray toNd(Matrix mat, DataType type) {
        int r = mat.rows();
        int k = mat.cols();
        int size = r * k;
        char order;
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
        INDArray nd = Nd4j.createUninitialized(type, new long[] {r, k}, order);
        Pointer base = nd.data().addressPointer();
        if (type == DataType.FLOAT) {
            float[] data = dense ? mat.floats() : packF32(mat);
            new FloatPointer(base).put(data, dense ? mat.offset() : 0, size);
        } else {
            double[] data = dense ? mat.doubles() : packF64(mat);
            new DoublePointer(base).put(data, dense ? mat.offset() : 0, size);
        }
        return nd;
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
