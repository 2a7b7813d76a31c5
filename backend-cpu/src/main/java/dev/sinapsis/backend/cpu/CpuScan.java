package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * Prefix sums along the last dimension: rows split across cores, each row read at its stride and
 * summed in order into the contiguous output (F32 through a double accumulator, integers in long).
 */
final class CpuScan {
    private CpuScan() {
    }

    static void cumsum(View out, View in, boolean reverse) {
        DType t = in.dtype();
        if (t == DType.BOOL || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("cumsum: needs a contiguous output of the input's shape and a numeric "
                    + "dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        int m = in.dim(in.rank() - 1);
        int step = in.strides()[in.rank() - 1];
        Object src = CpuStorage.of(in.storage()).array();
        Object dst = CpuStorage.of(out.storage()).array();
        CpuRows.forEach(out, in, 2L * m, () -> (at, o) -> {
            // reverse: start at the row's last element and walk back
            int first = reverse ? at + (m - 1) * step : at;
            int s = reverse ? -step : step;
            int o0 = reverse ? o + m - 1 : o;
            int os = reverse ? -1 : 1;
            switch (t) {
                case F32 -> rowF32((float[]) src, first, s, (float[]) dst, o0, os, m);
                case F64 -> rowF64((double[]) src, first, s, (double[]) dst, o0, os, m);
                case I32 -> rowI32((int[]) src, first, s, (int[]) dst, o0, os, m);
                default -> rowI64((long[]) src, first, s, (long[]) dst, o0, os, m);
            }
        });
    }

    private static void rowF32(float[] x, int p, int s, float[] y, int o, int os, int m) {
        double acc = 0;
        for (int j = 0; j < m; j++, p += s, o += os) {
            acc += x[p];
            y[o] = (float) acc;
        }
    }

    private static void rowF64(double[] x, int p, int s, double[] y, int o, int os, int m) {
        double acc = 0;
        for (int j = 0; j < m; j++, p += s, o += os) {
            acc += x[p];
            y[o] = acc;
        }
    }

    private static void rowI32(int[] x, int p, int s, int[] y, int o, int os, int m) {
        int acc = 0;
        for (int j = 0; j < m; j++, p += s, o += os) {
            acc += x[p];
            y[o] = acc;
        }
    }

    private static void rowI64(long[] x, int p, int s, long[] y, int o, int os, int m) {
        long acc = 0;
        for (int j = 0; j < m; j++, p += s, o += os) {
            acc += x[p];
            y[o] = acc;
        }
    }
}
