package dev.sinapsis.tensor;

/** Shared argument checks that produce the op-naming error messages. */
final class Checks {
    private Checks() {
    }

    static void sameBackend(String op, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": operands are on different devices " + a.device()
                    + " and " + b.device() + "; move one with .to(...) first");
        }
    }

    static void sameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new DTypeException(op + ": dtypes " + a.dtype() + " and " + b.dtype()
                    + " differ; convert one with .to(DType." + wider(a.dtype(), b.dtype()) + ")");
        }
    }

    static void floating(String op, Tensor a) {
        if (!a.dtype().isFloating()) {
            throw new DTypeException(op + ": needs a floating tensor (F32 or F64), got " + a.dtype()
                    + "; convert with .to(DType.F32)");
        }
    }

    static void dtype(String op, Tensor a, DType expected, String role) {
        if (a.dtype() != expected) {
            throw new DTypeException(op + ": " + role + " must be " + expected + ", got " + a.dtype());
        }
    }

    static void integer(String op, Tensor a, String role) {
        if (a.dtype() != DType.I64 && a.dtype() != DType.I32) {
            throw new DTypeException(op + ": " + role + " must be an integer tensor (I64 or I32), got "
                    + a.dtype());
        }
    }

    private static DType wider(DType a, DType b) {
        if (a == DType.F64 || b == DType.F64) {
            return DType.F64;
        }
        if (a == DType.F32 || b == DType.F32) {
            return DType.F32;
        }
        return a.byteSize() >= b.byteSize() ? a : b;
    }
}
