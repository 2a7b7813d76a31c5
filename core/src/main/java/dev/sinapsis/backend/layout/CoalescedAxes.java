package dev.sinapsis.backend.layout;

import java.util.Arrays;

/**
 * The axes of one or more strided operands of a common shape, reduced to the fewest that walk
 * the same elements in the same row-major order: size-1 axes are dropped (their stride never
 * matters), and an axis is merged into the one before it when, in every operand, stepping the
 * outer axis once is the same as stepping the inner one across its whole size. A contiguous
 * tensor becomes one axis; broadcast axes (stride 0) merge with each other; a transpose keeps
 * its axes. Fewer axes mean fewer index divisions in a kernel and longer rows in a CPU loop.
 *
 * <p>A merged axis has the product of the sizes and the innermost stride. A shape of only size-1
 * axes (or rank 0) gives rank 0. Instances are immutable.
 */
public final class CoalescedAxes {
    private final int[] sizes;
    private final int[][] strides; // [operand][axis]
    private final int numel;

    private CoalescedAxes(int[] sizes, int[][] strides, int numel) {
        this.sizes = sizes;
        this.strides = strides;
        this.numel = numel;
    }

    /**
     * Coalesces {@code shape} walked by operands with the given strides (one array per operand,
     * each as long as {@code shape}; strides may be 0 or negative).
     */
    public static CoalescedAxes of(int[] shape, int[]... operandStrides) {
        for (int[] s : operandStrides) {
            if (s.length != shape.length) {
                throw new IllegalArgumentException("strides " + Arrays.toString(s) + " do not match shape "
                        + Arrays.toString(shape));
            }
        }
        // two passes (count, then fill) so the result arrays are allocated once at their final size
        int rank = 0;
        int numel = 1;
        int previous = -1;
        for (int d = 0; d < shape.length; d++) {
            numel *= shape[d];
            if (shape[d] == 1) {
                continue;
            }
            if (previous < 0 || !mergeable(shape, operandStrides, previous, d)) {
                rank++;
            }
            previous = d;
        }
        int[] sizes = new int[rank];
        int[][] strides = new int[operandStrides.length][rank];
        int axis = -1;
        previous = -1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (previous >= 0 && mergeable(shape, operandStrides, previous, d)) {
                sizes[axis] *= shape[d];
            } else {
                sizes[++axis] = shape[d];
            }
            for (int o = 0; o < operandStrides.length; o++) {
                strides[o][axis] = operandStrides[o][d];
            }
            previous = d;
        }
        return new CoalescedAxes(sizes, strides, numel);
    }

    /**
     * Whether axis {@code inner} continues axis {@code outer} in every operand. Only the last
     * kept axis before {@code inner} is compared: after a merge the kept axis carries exactly
     * that axis's stride, so the chain check stays pairwise.
     */
    private static boolean mergeable(int[] shape, int[][] operandStrides, int outer, int inner) {
        for (int[] s : operandStrides) {
            if (s[outer] != (long) s[inner] * shape[inner]) {
                return false;
            }
        }
        return true;
    }

    /** Number of axes left (0 for a single element). */
    public int rank() {
        return sizes.length;
    }

    /** Number of operands. */
    public int operands() {
        return strides.length;
    }

    /** Size of axis {@code axis}. */
    public int size(int axis) {
        return sizes[axis];
    }

    /** Stride of operand {@code operand} along axis {@code axis}. */
    public int stride(int operand, int axis) {
        return strides[operand][axis];
    }

    /** Number of elements walked (the product of the original shape; 0 when an axis is empty). */
    public int numel() {
        return numel;
    }

    /** The coalesced shape (a copy). */
    public int[] shape() {
        return sizes.clone();
    }

    /** Operand {@code operand}'s strides along the coalesced axes (a copy). */
    public int[] strides(int operand) {
        return strides[operand].clone();
    }

    /** True when every operand walks its elements with unit stride from its offset (rank 0, or one axis of stride 1). */
    public boolean isContiguous() {
        if (sizes.length > 1) {
            return false;
        }
        if (sizes.length == 1) {
            for (int[] s : strides) {
                if (s[0] != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CoalescedAxes" + Arrays.toString(sizes) + " strides " + Arrays.deepToString(strides);
    }
}
