package dev.sinapsis.tensor;

import java.util.Arrays;

/**
 * Immutable list of dimension sizes. A rank-0 shape ({@code []}) is a scalar with one element.
 */
public final class Shape {
    /** The scalar shape {@code []}. */
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new ShapeException("negative dimension " + d + " in shape " + format(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException("shape " + format(dims) + " has more than 2^31-1 elements");
            }
        }
        this.dims = dims;
        this.numel = (int) n;
    }

    /** A shape with the given dimension sizes (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis, dims.length, "dim")];
    }

    /** Total number of elements (1 for a scalar). */
    public int numel() {
        return numel;
    }

    /** A copy of the dimension sizes. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Row-major (C order) strides for a contiguous tensor of this shape. */
    public int[] contiguousStrides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /** This shape with dimension {@code axis} replaced by {@code size}. */
    public Shape with(int axis, int size) {
        int[] d = dims.clone();
        d[normalizeAxis(axis, dims.length, "with")] = size;
        return new Shape(d);
    }

    /**
     * The NumPy broadcast of two shapes: align from the right, sizes must match or be 1.
     *
     * @param op the op name used in the error message
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast: dimension " + i + " is " + da + " vs " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /**
     * Turns a possibly negative axis into {@code [0, rank)}, or throws a {@link ShapeException}
     * naming the op.
     */
    public static int normalizeAxis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [3,4]}. */
    @Override
    public String toString() {
        return format(dims);
    }

    static String format(int[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
