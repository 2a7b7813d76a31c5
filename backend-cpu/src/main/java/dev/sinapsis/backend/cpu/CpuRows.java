package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The loop shared by the row-wise kernels (softmax, cumulative sums): the rows of the last axis of
 * a strided input, each with its row of a contiguous output of the same shape, split across cores.
 */
final class CpuRows {
    private CpuRows() {
    }

    /** One row: its first element in the input's array, and in the output's. */
    @FunctionalInterface
    interface Row {
        void run(int inAt, int outAt);
    }

    /**
     * Calls a {@link Row} for every row of {@code in}; {@code perChunk} makes one per range of rows a
     * thread takes (a place for scratch arrays). {@code costPerRow} sizes the parallel split.
     */
    static void forEach(View out, View in, long costPerRow, Supplier<Row> perChunk) {
        int rank = in.rank();
        int m = in.dim(rank - 1);
        int rows = m == 0 ? 0 : in.numel() / m;
        if (rows == 0) {
            return;
        }
        StridedLoop outer = StridedLoop.of(Arrays.copyOf(in.shape().toArray(), rank - 1),
                new int[][] {Arrays.copyOf(in.strides(), rank - 1)}, new int[] {in.offset()});
        int rowStride = outer.innerStride(0);
        int outOffset = out.offset();
        Parallel.forRange(rows, costPerRow, (from, to) -> {
            Row body = perChunk.get();
            int[] row = {from};
            outer.run(from, to, (offsets, length) -> {
                for (int k = 0; k < length; k++) {
                    body.run(offsets[0] + k * rowStride, outOffset + row[0]++ * m);
                }
            });
        });
    }
}
