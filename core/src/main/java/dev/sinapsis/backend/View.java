package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/**
 * The argument every kernel receives: a strided window onto a {@link Storage}.
 *
 * <p>Element {@code (i0, i1, ...)} lives at {@code offset + i0*strides[0] + i1*strides[1] + ...}.
 * A stride of 0 repeats an element (broadcasting); views never copy.
 *
 * @param storage the buffer
 * @param shape   logical shape
 * @param strides element strides, one per dimension (may be 0)
 * @param offset  element offset of index (0, 0, ...)
 */
public record View(Storage storage, Shape shape, int[] strides, int offset) {

    public View {
        if (strides.length != shape.rank()) {
            throw new IllegalArgumentException("view: " + strides.length + " strides for shape " + shape);
        }
    }

    /** A contiguous view over a whole storage. */
    public static View contiguous(Storage storage, Shape shape) {
        return new View(storage, shape, shape.contiguousStrides(), 0);
    }

    /** Element type of the storage. */
    public DType dtype() {
        return storage.dtype();
    }

    /** Number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape.dim(i);
    }

    /** True when the elements are laid out row-major with no gaps (size-1 dims may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d != 1 && strides[i] != expected) {
                return false;
            }
            expected *= d;
        }
        return true;
    }
}
