package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Column sums against each column's own double sum in row order (the strided loop they replace), bit
 * for bit, over widths that cover whole vectors, the scalar tail and more than one block of columns,
 * rows with gaps between them, and an offset output.
 */
class ColumnSumsTest {
    @Test
    void eachColumnIsItsOwnDoubleSumInRowOrder() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int[] shape : new int[][] {{1, 1}, {3, 5}, {128, 256}, {7, 37}, {64, 1030}, {5, 2100}}) {
            int rows = shape[0];
            int cols = shape[1];
            int s = cols + 3;
            float[] f = new float[2 + rows * s];
            for (int i = 0; i < f.length; i++) {
                // magnitudes far apart, so a different order of additions would round differently
                f[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-4, 5)));
            }
            float[] dst = new float[cols + 2];
            dst[0] = 9f;
            dst[cols + 1] = 9f;
            ColumnSums.sum(f, 2, s, rows, cols, dst, 1);
            for (int j = 0; j < cols; j++) {
                double want = 0;
                for (int k = 0; k < rows; k++) {
                    want += f[2 + k * s + j];
                }
                assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(dst[1 + j]),
                        "column " + j + " of " + rows + "x" + cols);
            }
            assertEquals(9f, dst[0], "wrote before the output");
            assertEquals(9f, dst[cols + 1], "wrote past the output");
        }
    }
}
