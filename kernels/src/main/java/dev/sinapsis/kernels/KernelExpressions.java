package dev.sinapsis.kernels;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.tensor.DType;

/**
 * The C expressions ({@code EXPR}) of the elementwise operators, in the inputs {@code a} and
 * {@code b}, with the CPU backend's scalar rules (see {@link Kernels}).
 */
final class KernelExpressions {
    private KernelExpressions() {
    }

    /** {@code op} applied to {@code a} of dtype {@code t}, giving a value of {@code t}. */
    static String unary(UnaryOp op, DType t) {
        if (t.isFloating()) {
            String T = Kernels.ctype(t);
            String one = "(" + T + ") 1";
            return switch (op) {
                case NEG -> "-a";
                case ABS -> "fabs(a)";
                case SIGN -> "(a > 0 ? " + one + " : (a < 0 ? -" + one + " : a))";
                case EXP -> "exp(a)";
                case LOG -> "log(a)";
                case SQRT -> "sqrt(a)";
                case RSQRT -> one + " / sqrt(a)";
                case SIN -> "sin(a)";
                case COS -> "cos(a)";
                // tanh(|a| > 9.0109) rounds to 1 in F32; some OpenCL libraries (PoCL) stop one ulp short
                // of it, which a saturated unit's gradient (1 - tanh^2) turns into an error of ~1e-7 * |a|
                case TANH -> t == DType.F32 ? "(fabs(a) > 9.0109134f ? copysign(1.0f, a) : tanh(a))" : "tanh(a)";
                case SIGMOID -> "(a >= 0 ? " + one + " / (" + one + " + exp(-a)) : exp(a) / (" + one + " + exp(a)))";
                case RELU -> "(a > 0 ? a : (a == a ? (" + T + ") 0 : a))";
                case RECIPROCAL -> one + " / a";
                case SQUARE -> "a * a";
                case FLOOR -> "floor(a)";
                case CEIL -> "ceil(a)";
                case LOG1P -> "log1p(a)";
                case EXPM1 -> "expm1(a)";
                case NOT -> "(a == 0 ? " + one + " : (" + T + ") 0)";
            };
        }
        String v = switch (op) {
            case NEG -> "(i64) ((u64) 0 - (u64) (i64) a)";
            case ABS -> "((i64) a < 0 ? (i64) ((u64) 0 - (u64) (i64) a) : (i64) a)";
            case SIGN -> "(i64) ((a > 0) - (a < 0))";
            case RELU -> "(a > 0 ? (i64) a : (i64) 0)";
            case SQUARE -> "(i64) ((u64) (i64) a * (u64) (i64) a)";
            case NOT -> "(i64) (a == 0)";
            default -> throw new IllegalArgumentException(op + " is not defined for " + t);
        };
        return Kernels.convert(v, DType.I64, t);
    }

    /** {@code op} on {@code a} and {@code b} of dtype {@code t}. */
    static String binary(BinaryOp op, DType t) {
        String cmp = switch (op) {
            case LT -> "a < b";
            case LE -> "a <= b";
            case GT -> "a > b";
            case GE -> "a >= b";
            case EQ -> "a == b";
            case NE -> "a != b";
            case AND -> "a != 0 && b != 0";
            case OR -> "a != 0 || b != 0";
            default -> null;
        };
        if (cmp != null) {
            return "(u8) (" + cmp + ")";
        }
        if (t.isFloating()) {
            return switch (op) {
                case ADD -> "a + b";
                case SUB -> "a - b";
                case MUL -> "a * b";
                case DIV -> "a / b";
                case POW -> t == DType.F32 ? "FPOW(a, b)" : "DPOW(a, b)";
                case MAX -> "JMAX(a, b)";
                case MIN -> "JMIN(a, b)";
                default -> throw new IllegalArgumentException(op.toString());
            };
        }
        String v = switch (op) {
            case ADD -> "(i64) ((u64) (i64) a + (u64) (i64) b)";
            case SUB -> "(i64) ((u64) (i64) a - (u64) (i64) b)";
            case MUL -> "(i64) ((u64) (i64) a * (u64) (i64) b)";
            case DIV -> "idiv((i64) a, (i64) b)";
            case POW -> "IPOW(a, b)";
            case MAX -> "IMAX((i64) a, (i64) b)";
            case MIN -> "IMIN((i64) a, (i64) b)";
            default -> throw new IllegalArgumentException(op.toString());
        };
        return Kernels.convert(v, DType.I64, t);
    }
}
