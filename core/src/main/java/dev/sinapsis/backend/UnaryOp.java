package dev.sinapsis.backend;

/**
 * Elementwise unary primitives. Input and output have the same dtype, except {@link #NOT}
 * (BOOL to BOOL). Float-only ops on integer tensors are rejected by the core before a kernel runs.
 */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, SQRT, RSQRT, SIN, COS, TANH, SIGMOID, RELU, RECIPROCAL, SQUARE,
    FLOOR, CEIL, LOG1P, EXPM1,
    /** Logical not of a BOOL tensor. */
    NOT;

    /** True when the op is only defined for floating dtypes. */
    public boolean floatOnly() {
        return switch (this) {
            case NEG, ABS, SIGN, SQUARE, RELU, NOT -> false;
            default -> true;
        };
    }
}
