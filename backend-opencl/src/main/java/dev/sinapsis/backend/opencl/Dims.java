package dev.sinapsis.backend.opencl;

import dev.sinapsis.kernels.Kernels;
import java.util.Arrays;

/**
 * Shapes and strides as kernels take them: dimensions merged where every operand allows it
 * (fewer index divisions), padded to the kernels' {@code dims_t} of {@link Kernels#MAX_RANK} ints.
 */
final class Dims {
    final int[] shape;
    final int[][] strides;

    private Dims(int[] shape, int[][] strides) {
        this.shape = shape;
        this.strides = strides;
    }

    int rank() {
        return shape.length;
    }

    /** Drops size-1 dimensions and merges neighbours that are contiguous for every operand. */
    static Dims coalesce(int[] shape, int[]... strides) {
        int k = strides.length;
        int[] s = new int[shape.length];
        int[][] st = new int[k][shape.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0) {
                boolean merge = true;
                for (int o = 0; o < k; o++) {
                    if ((long) st[o][r - 1] != (long) strides[o][d] * shape[d]) {
                        merge = false;
                        break;
                    }
                }
                if (merge) {
                    s[r - 1] *= shape[d];
                    for (int o = 0; o < k; o++) {
                        st[o][r - 1] = strides[o][d];
                    }
                    continue;
                }
            }
            s[r] = shape[d];
            for (int o = 0; o < k; o++) {
                st[o][r] = strides[o][d];
            }
            r++;
        }
        int[][] out = new int[k][];
        for (int o = 0; o < k; o++) {
            out[o] = Arrays.copyOf(st[o], r);
        }
        return new Dims(Arrays.copyOf(s, r), out);
    }

    /** True when every operand walks its elements with unit stride in row-major order. */
    boolean contiguous() {
        if (rank() == 0) {
            return true;
        }
        if (rank() > 1) {
            return false;
        }
        for (int[] st : strides) {
            if (st[0] != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code a} padded with zeros to a {@code dims_t}. */
    static int[] pad(int[] a, String op) {
        if (a.length > Kernels.MAX_RANK) {
            throw new IllegalArgumentException(op + ": " + a.length + " dimensions after merging; the OpenCL "
                    + "kernels take at most " + Kernels.MAX_RANK);
        }
        return Arrays.copyOf(a, Kernels.MAX_RANK);
    }
}
