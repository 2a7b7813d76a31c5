package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.tensor.Shape;

/**
 * Walks several strided operands of one shape in row-major order, a row (run of the innermost
 * dimension) at a time, over the operands' {@link CoalescedAxes}: size-1 dimensions are dropped
 * and adjacent dimensions laid out consecutively in every operand are merged, so a contiguous
 * tensor is one long row.
 */
final class StridedLoop {
    /** Receives one row: the element offset of each operand at the row start and the row length. */
    @FunctionalInterface
    interface Row {
        void run(int[] offsets, int length);
    }

    private final CoalescedAxes axes;
    private final int[] bases;

    private StridedLoop(CoalescedAxes axes, int[] bases) {
        this.axes = axes;
        this.bases = bases;
    }

    /** A loop over {@code shape} for views that all have that shape (strides may be 0). */
    static StridedLoop of(Shape shape, View... views) {
        int[][] s = new int[views.length][];
        int[] bases = new int[views.length];
        for (int v = 0; v < views.length; v++) {
            s[v] = views[v].strides();
            bases[v] = views[v].offset();
        }
        return new StridedLoop(CoalescedAxes.of(shape.toArray(), s), bases);
    }

    /** A loop over {@code shape} with explicit per-operand strides and base offsets. */
    static StridedLoop of(int[] shape, int[][] operandStrides, int[] bases) {
        return new StridedLoop(CoalescedAxes.of(shape, operandStrides), bases.clone());
    }

    /** Total number of elements. */
    int numel() {
        return axes.numel();
    }

    /** Stride of operand {@code v} along the innermost (row) dimension (0 for a single element). */
    int innerStride(int v) {
        int rank = axes.rank();
        return rank == 0 ? 0 : axes.stride(v, rank - 1);
    }

    /** Length of a full row. */
    int rowLength() {
        int rank = axes.rank();
        return rank == 0 ? 1 : axes.size(rank - 1);
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
        int rank = axes.rank();
        if (rank == 0) {
            row.run(bases.clone(), 1); // a single element: the only row
            return;
        }
        int ops = bases.length;
        int[] idx = new int[rank];
        int[] off = bases.clone();
        int rem = from;
        for (int d = rank - 1; d >= 0; d--) {
            int size = axes.size(d);
            idx[d] = rem % size;
            rem /= size;
            for (int v = 0; v < ops; v++) {
                off[v] += idx[d] * axes.stride(v, d);
            }
        }
        int last = rank - 1;
        int rowLength = axes.size(last);
        int i = from;
        int[] rowOff = new int[ops];
        while (i < to) {
            int len = Math.min(rowLength - idx[last], to - i);
            System.arraycopy(off, 0, rowOff, 0, ops);
            row.run(rowOff, len);
            i += len;
            if (i >= to) {
                break;
            }
            idx[last] += len;
            for (int v = 0; v < ops; v++) {
                off[v] += len * axes.stride(v, last);
            }
            for (int d = last; d > 0 && idx[d] == axes.size(d); d--) {
                idx[d] = 0;
                idx[d - 1]++;
                for (int v = 0; v < ops; v++) {
                    off[v] += axes.stride(v, d - 1) - axes.size(d) * axes.stride(v, d);
                }
            }
        }
    }

    /** Visits every element, split across cores when the work is large enough. */
    void parallel(long costPerElement, Row row) {
        Parallel.forRange(axes.numel(), costPerElement, (from, to) -> run(from, to, row));
    }
}
