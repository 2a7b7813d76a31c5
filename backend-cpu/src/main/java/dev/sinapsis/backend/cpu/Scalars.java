package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.UnaryOp;

/** The scalar meaning of every elementwise primitive, in double (floats) and long (integers). */
final class Scalars {
    private Scalars() {
    }

    static double unary(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1.0 / Math.sqrt(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0 ? x : (x == x ? 0.0 : x);
            case RECIPROCAL -> 1.0 / x;
            case SQUARE -> x * x;
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case NOT -> x == 0 ? 1 : 0;
        };
    }

    /** Stable for large |x|: never evaluates exp of a large positive number. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    static long unary(UnaryOp op, long x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Long.signum(x);
            case RELU -> Math.max(x, 0);
            case SQUARE -> x * x;
            case NOT -> x == 0 ? 1 : 0;
            default -> throw new IllegalArgumentException(op + " is not defined for integers");
        };
    }

    static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            default -> compare(op, a, b) ? 1 : 0;
        };
    }

    static long binary(BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) {
                    throw new ArithmeticException("div: integer division by zero");
                }
                yield a / b;
            }
            case POW -> (long) Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case AND -> (a != 0 && b != 0) ? 1 : 0;
            case OR -> (a != 0 || b != 0) ? 1 : 0;
            default -> compare(op, a, b) ? 1 : 0;
        };
    }

    static boolean compare(BinaryOp op, double a, double b) {
        return switch (op) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case EQ -> a == b;
            case NE -> a != b;
            case AND -> a != 0 && b != 0;
            case OR -> a != 0 || b != 0;
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    static boolean compare(BinaryOp op, long a, long b) {
        return switch (op) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case EQ -> a == b;
            case NE -> a != b;
            case AND -> a != 0 && b != 0;
            case OR -> a != 0 || b != 0;
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }
}
