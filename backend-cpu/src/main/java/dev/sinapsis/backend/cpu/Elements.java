package dev.sinapsis.backend.cpu;

import dev.sinapsis.tensor.DType;

/**
 * Reads and writes single elements of a host array of any dtype, as double or as long. The slow,
 * general path: kernels use it for the rare dtype combinations and typed loops for the hot ones.
 */
final class Elements {
    private Elements() {
    }

    /** Element {@code i} as a double (BOOL gives 1 or 0). */
    static double getDouble(Object array, DType type, int i) {
        return switch (type) {
            case F32 -> ((float[]) array)[i];
            case F64 -> ((double[]) array)[i];
            case I32 -> ((int[]) array)[i];
            case I64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Element {@code i} as a long (floats truncate toward zero). */
    static long getLong(Object array, DType type, int i) {
        return switch (type) {
            case F32 -> (long) ((float[]) array)[i];
            case F64 -> (long) ((double[]) array)[i];
            case I32 -> ((int[]) array)[i];
            case I64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Element {@code i} as a truth value ({@code != 0}; NaN is true, as in PyTorch). */
    static boolean getBoolean(Object array, DType type, int i) {
        return switch (type) {
            case F32 -> ((float[]) array)[i] != 0;
            case F64 -> ((double[]) array)[i] != 0;
            case I32 -> ((int[]) array)[i] != 0;
            case I64 -> ((long[]) array)[i] != 0;
            case BOOL -> ((boolean[]) array)[i];
        };
    }

    /** Stores a double, converting to the array's dtype (integers truncate toward zero). */
    static void setDouble(Object array, DType type, int i, double v) {
        switch (type) {
            case F32 -> ((float[]) array)[i] = (float) v;
            case F64 -> ((double[]) array)[i] = v;
            case I32 -> ((int[]) array)[i] = (int) (long) v;
            case I64 -> ((long[]) array)[i] = (long) v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }

    /** Stores a long, converting to the array's dtype. */
    static void setLong(Object array, DType type, int i, long v) {
        switch (type) {
            case F32 -> ((float[]) array)[i] = (float) v;
            case F64 -> ((double[]) array)[i] = (double) v;
            case I32 -> ((int[]) array)[i] = (int) v;
            case I64 -> ((long[]) array)[i] = v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }

    /** Copies element {@code si} of {@code src} to element {@code di} of {@code dst}, converting exactly. */
    static void convert(Object dst, DType dt, int di, Object src, DType st, int si) {
        if (st == DType.BOOL || dt == DType.BOOL) {
            boolean b = getBoolean(src, st, si);
            setLong(dst, dt, di, b ? 1 : 0);
        } else if (st.isFloating()) {
            setDouble(dst, dt, di, getDouble(src, st, si));
        } else {
            setLong(dst, dt, di, getLong(src, st, si));
        }
    }
}
