package dev.sinapsis.tensor;

/** Copies between tensors and Java arrays (the only place data crosses to the host). */
final class Host {
    private Host() {
    }

    static Object download(Tensor t) {
        return t.backend().download(t.view());
    }

    static double[] toDoubles(Tensor t) {
        return (double[]) download(t.to(DType.F64));
    }

    static float[] toFloats(Tensor t) {
        return (float[]) download(t.to(DType.F32));
    }

    static long[] toLongs(Tensor t) {
        return (long[]) download(t.to(DType.I64));
    }
}
