package dev.sinapsis.tensor;

/**
 * Element type of a tensor.
 *
 * <p>Every dtype has a host array type used when data crosses between Java and a backend:
 * {@code F32 -> float[]}, {@code F64 -> double[]}, {@code I32 -> int[]}, {@code I64 -> long[]},
 * {@code BOOL -> boolean[]}.
 */
public enum DType {
    /** 32-bit IEEE float; the default for tensors created from Java data or factories. */
    F32(4, true, float[].class),
    /** 64-bit IEEE float; used by gradient checks and as the numerical oracle. */
    F64(8, true, double[].class),
    /** 32-bit signed integer. */
    I32(4, false, int[].class),
    /** 64-bit signed integer; the dtype of indices, labels and arg-reductions. */
    I64(8, false, long[].class),
    /** Boolean; the dtype of comparisons and masks. */
    BOOL(1, false, boolean[].class);

    private final int byteSize;
    private final boolean floating;
    private final Class<?> hostArrayType;

    DType(int byteSize, boolean floating, Class<?> hostArrayType) {
        this.byteSize = byteSize;
        this.floating = floating;
        this.hostArrayType = hostArrayType;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32 and F64: the dtypes autograd can differentiate. */
    public boolean isFloating() {
        return floating;
    }

    /** The Java primitive array class holding this dtype on the host. */
    public Class<?> hostArrayType() {
        return hostArrayType;
    }

    /** Allocates a zeroed host array of this dtype. */
    public Object newHostArray(int length) {
        return switch (this) {
            case F32 -> new float[length];
            case F64 -> new double[length];
            case I32 -> new int[length];
            case I64 -> new long[length];
            case BOOL -> new boolean[length];
        };
    }

    /** The dtype of a host array, or an error naming the unsupported class. */
    public static DType ofHostArray(Object array) {
        for (DType d : values()) {
            if (d.hostArrayType.isInstance(array)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported host array type "
                + (array == null ? "null" : array.getClass().getSimpleName())
                + "; use float[], double[], int[], long[] or boolean[]");
    }
}
