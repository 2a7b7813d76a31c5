package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.Shape;

/**
 * Walks several strided operands of one shape in row-major order, a row (run of the innermost
 * dimension) at a time. Size-1 dimensions are dropped and adjacent dimensions that are laid out
 * consecutively in every operand are merged, so a contiguous tensor is one long row.
 */
final class StridedLoop {
    /** Receives one row: the element offset of each operand at the row start and the row length. */
    @FunctionalInterface
    interface Row {
        void run(int[] offsets, int length);
    }

    private final int[] dims;
    private final int[][] strides; // [operand][dim]
    private final int[] bases;
    private final int numel;

    private StridedLoop(int[] dims, int[][] strides, int[] bases, int numel) {
        this.dims = dims;
        this.strides = strides;
        this.bases = bases;
        this.numel = numel;
    }

    /** A loop over {@code shape} for views that all have that shape (strides may be 0). */
    static StridedLoop of(Shape shape, View... views) {
        int[][] s = new int[views.length][];
        int[] bases = new int[views.length];
        for (int v = 0; v < views.length; v++) {
            s[v] = views[v].strides();
            bases[v] = views[v].offset();
        }
        return of(shape.toArray(), s, bases);
    }

    /** A loop over {@code shape} with explicit per-operand strides and base offsets. */
    static StridedLoop of(int[] shape, int[][] operandStrides, int[] bases) {
        int ops = operandStrides.length;
        int rank = shape.length;
        int[] dims = new int[Math.max(1, rank)];
        int[][] strides = new int[ops][Math.max(1, rank)];
        int kept = 0;
        int numel = 1;
        for (int d = 0; d < rank; d++) {
            numel *= shape[d];
            if (shape[d] == 1) {
                continue;
            }
            // merge with the previous kept dim when every operand is consecutive across the pair
            boolean merge = kept > 0;
            for (int v = 0; v < ops && merge; v++) {
                merge = strides[v][kept - 1] == operandStrides[v][d] * shape[d];
            }
            if (merge) {
                dims[kept - 1] *= shape[d];
                for (int v = 0; v < ops; v++) {
                    strides[v][kept - 1] = operandStrides[v][d];
                }
            } else {
                dims[kept] = shape[d];
                for (int v = 0; v < ops; v++) {
                    strides[v][kept] = operandStrides[v][d];
                }
                kept++;
            }
        }
        if (kept == 0) {
            dims[0] = 1;
            kept = 1;
        }
        int[] finalDims = java.util.Arrays.copyOf(dims, kept);
        int[][] finalStrides = new int[ops][];
        for (int v = 0; v < ops; v++) {
            finalStrides[v] = java.util.Arrays.copyOf(strides[v], kept);
        }
        return new StridedLoop(finalDims, finalStrides, bases.clone(), numel);
    }

    /** Total number of elements. */
    int numel() {
        return numel;
    }

    /** Stride of operand {@code v} along the innermost (row) dimension. */
    int innerStride(int v) {
        return strides[v][dims.length - 1];
    }

    /** Length of a full row. */
    int rowLength() {
        return dims[dims.length - 1];
    }

    /** Visits elements {@code [from, to)} (row-major positions) row by row. */
    void run(int from, int to, Row row) {
        run(from, to, bases, row);
    }

    /** As {@link #run(int, int, Row)} with other base offsets (one per operand). */
    void run(int from, int to, int[] bases, Row row) {
        if (from >= to) {
            return;
        }
        int rank = dims.length;
        int ops = bases.length;
        int[] idx = new int[rank];
        int[] off = bases.clone();
        int rem = from;
        for (int d = rank - 1; d >= 0; d--) {
            idx[d] = rem % dims[d];
            rem /= dims[d];
            for (int v = 0; v < ops; v++) {
                off[v] += idx[d] * strides[v][d];
            }
        }
        int last = rank - 1;
        int i = from;
        int[] rowOff = new int[ops];
        while (i < to) {
            int len = Math.min(dims[last] - idx[last], to - i);
            System.arraycopy(off, 0, rowOff, 0, ops);
            row.run(rowOff, len);
            i += len;
            if (i >= to) {
                break;
            }
            idx[last] += len;
            for (int v = 0; v < ops; v++) {
                off[v] += len * strides[v][last];
            }
            for (int d = last; d > 0 && idx[d] == dims[d]; d--) {
                idx[d] = 0;
                idx[d - 1]++;
                for (int v = 0; v < ops; v++) {
                    off[v] += strides[v][d - 1] - dims[d] * strides[v][d];
                }
            }
        }
    }

    /** Visits every element, split across cores when the work is large enough. */
    void parallel(long costPerElement, Row row) {
        Parallel.forRange(numel, costPerElement, (from, to) -> run(from, to, row));
    }
}
