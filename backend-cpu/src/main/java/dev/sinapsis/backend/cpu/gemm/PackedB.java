package dev.sinapsis.backend.cpu.gemm;

/**
 * A right operand packed once by {@link JavaSgemm#pack}, for products repeated with the same
 * {@code B} ({@link JavaSgemm#gemmSerial(Matrix, PackedB, Matrix, boolean)}): its {@code KC x NC}
 * panels one after the other, in the order the GEMM's loop nest visits them, each in
 * {@code NR}-column strips zero-padded to whole strips. Immutable once made; threads may share it.
 */
public final class PackedB {
    private final float[] data;
    private final int rows;
    private final int cols;
    private final int stripWidth;
    private final int blockWidth;

    PackedB(float[] data, int rows, int cols, int stripWidth, int blockWidth) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.stripWidth = stripWidth;
        this.blockWidth = blockWidth;
    }

    /** Rows of the packed matrix (the product's depth). */
    public int rows() {
        return rows;
    }

    /** Columns of the packed matrix. */
    public int cols() {
        return cols;
    }

    /** The packed panels. */
    float[] data() {
        return data;
    }

    /** Where the panel of the column block starting at {@code jc} and the depth block starting at {@code pc} starts. */
    int offset(int jc, int pc) {
        int nc = Math.min(blockWidth, cols - jc);
        int paddedWidth = (nc + stripWidth - 1) / stripWidth * stripWidth;
        // every whole strip before jc holds all rows; within the block, panels of earlier depths
        return jc * rows + paddedWidth * pc;
    }
}
