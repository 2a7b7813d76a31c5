package dev.sinapsis.backend;

/** Elementwise ternary primitives. */
public enum TernaryOp {
    /** {@code out = a ? b : c}; {@code a} is BOOL, {@code b}, {@code c} and out share a dtype. */
    WHERE,
    /** {@code out = min(max(a, b), c)}: clamp {@code a} to {@code [b, c]}; all share a dtype. */
    CLAMP
}
