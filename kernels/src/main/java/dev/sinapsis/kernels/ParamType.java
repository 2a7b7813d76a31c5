package dev.sinapsis.kernels;

import dev.sinapsis.tensor.DType;
import java.util.Objects;

/**
 * What a launch must pass for one kernel parameter: a global buffer of one dtype's elements, a
 * scalar of a dtype ({@code int}, {@code long}, {@code float}, {@code double}; a BOOL scalar is a
 * {@code uchar}), a {@code dims_t} (the {@link Kernels#MAX_RANK} ints of a shape or strides,
 * passed by value) or local memory (only its size is passed).
 *
 * @param kind  the parameter's kind
 * @param dtype the element dtype of a buffer or the dtype of a scalar; null for the other kinds
 */
public record ParamType(Kind kind, DType dtype) {
    /** The kinds of kernel parameters. */
    public enum Kind {
        /** {@code GLOBAL T *name}: a device buffer of {@code T} elements. */
        GLOBAL_BUFFER,
        /** A scalar passed by value. */
        SCALAR,
        /** {@code dims_t}: a shape or strides padded to {@link Kernels#MAX_RANK} ints. */
        DIMS,
        /** {@code LOCAL T *name}: work-group local memory, sized by the launch. */
        LOCAL_MEMORY
    }

    private static final ParamType[] BUFFERS = new ParamType[DType.values().length];
    private static final ParamType[] SCALARS = new ParamType[DType.values().length];

    static {
        for (DType t : DType.values()) {
            BUFFERS[t.ordinal()] = new ParamType(Kind.GLOBAL_BUFFER, t);
            SCALARS[t.ordinal()] = new ParamType(Kind.SCALAR, t);
        }
    }

    /** {@code int}. */
    public static final ParamType INT = scalar(DType.I32);
    /** {@code long} (signed or unsigned 64 bits). */
    public static final ParamType LONG = scalar(DType.I64);
    /** {@code float}. */
    public static final ParamType FLOAT = scalar(DType.F32);
    /** {@code double}. */
    public static final ParamType DOUBLE = scalar(DType.F64);
    /** {@code dims_t}. */
    public static final ParamType DIMS = new ParamType(Kind.DIMS, null);
    /** Local memory. */
    public static final ParamType LOCAL_MEMORY = new ParamType(Kind.LOCAL_MEMORY, null);

    public ParamType {
        Objects.requireNonNull(kind, "kind");
        boolean typed = kind == Kind.GLOBAL_BUFFER || kind == Kind.SCALAR;
        if (typed != (dtype != null)) {
            throw new IllegalArgumentException(kind + (typed ? " needs a dtype" : " takes no dtype"));
        }
    }

    /** A global buffer of {@code element}s. */
    public static ParamType buffer(DType element) {
        return BUFFERS[element.ordinal()];
    }

    /** A scalar of dtype {@code t}. */
    public static ParamType scalar(DType t) {
        return SCALARS[t.ordinal()];
    }

    /** As C would say it: {@code global F32 buffer}, {@code int}, {@code dims_t}, {@code local memory}. */
    @Override
    public String toString() {
        return switch (kind) {
            case GLOBAL_BUFFER -> "global " + dtype + " buffer";
            case SCALAR -> switch (dtype) {
                case I32 -> "int";
                case I64 -> "long";
                case F32 -> "float";
                case F64 -> "double";
                case BOOL -> "uchar";
            };
            case DIMS -> "dims_t";
            case LOCAL_MEMORY -> "local memory";
        };
    }
}
