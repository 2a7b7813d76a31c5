package dev.sinapsis.backend.cpu.gemm;

/**
 * A strided matrix window onto a host array: element {@code (i, j)} is
 * {@code data[offset + i*rowStride + j*colStride]}. A transposed matrix is just swapped strides,
 * which the GEMM packing routines consume without a copy.
 *
 * @param data      {@code float[]} or {@code double[]}
 * @param offset    element offset of {@code (0, 0)}
 * @param rows      number of rows
 * @param cols      number of columns
 * @param rowStride element stride between rows
 * @param colStride element stride between columns
 */
public record Matrix(Object data, int offset, int rows, int cols, int rowStride, int colStride) {
    /** A row-major matrix with no gaps between rows. */
    public static Matrix rowMajor(Object data, int offset, int rows, int cols) {
        return new Matrix(data, offset, rows, cols, cols, 1);
    }

    /** The {@code float[]} behind an F32 matrix. */
    public float[] floats() {
        return (float[]) data;
    }

    /** The {@code double[]} behind an F64 matrix. */
    public double[] doubles() {
        return (double[]) data;
    }

    /** True when rows are contiguous runs ({@code colStride == 1}). */
    public boolean isRowMajor() {
        return colStride == 1 || cols == 1;
    }

    /** True when columns are contiguous runs ({@code rowStride == 1}). */
    public boolean isColumnMajor() {
        return rowStride == 1 || rows == 1;
    }
}
