package dev.sinapsis.backend;

/**
 * Elementwise binary primitives. Both inputs share one dtype. Arithmetic ops produce that dtype;
 * comparisons produce BOOL; {@link #AND}/{@link #OR} take and produce BOOL.
 *
 * <p>Integer {@link #DIV} truncates toward zero (like Java); {@link #MAX}/{@link #MIN} propagate NaN.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN,
    LT, LE, GT, GE, EQ, NE,
    AND, OR;

    /** True for comparisons, whose output dtype is BOOL. */
    public boolean isComparison() {
        return switch (this) {
            case LT, LE, GT, GE, EQ, NE -> true;
            default -> false;
        };
    }

    /** True for logical ops on BOOL inputs. */
    public boolean isLogical() {
        return this == AND || this == OR;
    }
}
