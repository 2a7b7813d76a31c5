package dev.sinapsis.backend.layout;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * A contiguous {@code [N, C, S...]} tensor read as {@code N} images of {@code C} channels, each
 * channel's values in a run of {@code s} (the product of the trailing sizes, 1 for {@code [N, C]}):
 * the layout of {@link dev.sinapsis.backend.BatchNormOps}. {@link #of} checks the operands a kernel
 * would otherwise read or write out of bounds.
 *
 * @param n images
 * @param c channels
 * @param s values per channel and image
 */
public record ChannelRuns(int n, int c, int s) {
    /**
     * The layout of {@code x}, after checking that {@code x} and every {@code full} view are
     * contiguous, of {@code x}'s shape and of one floating dtype, and that every non-null
     * {@code perChannel} view is contiguous with {@code C} elements of that dtype.
     *
     * @throws IllegalArgumentException naming {@code op} and the operand that does not fit
     */
    public static ChannelRuns of(String op, View x, View[] full, View... perChannel) {
        DType t = x.dtype();
        if (!t.isFloating() || x.rank() < 2 || !x.isContiguous()) {
            throw new IllegalArgumentException(op + ": needs a contiguous F32 or F64 x of rank 2 or more, got "
                    + t + " " + x.shape());
        }
        int s = 1;
        for (int i = 2; i < x.rank(); i++) {
            s *= x.dim(i);
        }
        int c = x.dim(1);
        for (View v : full) {
            if (v.dtype() != t || !v.isContiguous() || !v.shape().equals(x.shape())) {
                throw new IllegalArgumentException(op + ": an operand is " + v.dtype() + " " + v.shape()
                        + ", should be contiguous " + t + " " + x.shape());
            }
        }
        for (View v : perChannel) {
            if (v != null && (v.dtype() != t || !v.isContiguous() || v.numel() != c)) {
                throw new IllegalArgumentException(op + ": a per-channel operand is " + v.dtype() + " " + v.shape()
                        + ", should be contiguous " + t + " [" + c + "]");
            }
        }
        return new ChannelRuns(x.dim(0), c, s);
    }

    /** Offset of image {@code img}'s run of channel {@code ch} from the tensor's first element. */
    public int run(int img, int ch) {
        return (img * c + ch) * s;
    }

    /** Values per channel: {@code N * s}. */
    public long count() {
        return (long) n * s;
    }
}
