package dev.sinapsis.tensor;

/** Copies between tensors and Java arrays (the only place data crosses to the host). */
final class Host {
    private Host() {
    }

    static Object download(Tensor t) {
        return t.backend().download(t.view());
    }

    static double[] toDoubles(Tensor t) {
        return (double[]) download(t, DType.F64);
    }

    static float[] toFloats(Tensor t) {
        return (float[]) download(t, DType.F32);
    }

    static long[] toLongs(Tensor t) {
        return (long[]) download(t, DType.I64);
    }

    /** The elements as {@code dtype}'s host array; a converted copy is released at once, not left to the GC. */
    private static Object download(Tensor t, DType dtype) {
        if (t.dtype() == dtype) {
            return download(t);
        }
        try (Tensor converted = t.to(dtype)) {
            return download(converted);
        }
    }
}
