package dev.sinapsis.cli;

import java.util.Locale;

/**
 * One problem size of {@code sinapsis bench}, parsed from {@code --sizes}, with the work one call
 * does: the floating-point operations and the bytes read and written (both 0 where the figure does
 * not apply: no FLOP count for softmax, no bytes for gemm, neither for train).
 *
 * @param op       the benchmark
 * @param label    the size as {@code --sizes} takes it back (and as the Python peer reads it)
 * @param dims     the numbers: gemm {@code m, k, n}; conv2d {@code N, C, H, W, O, K, stride, pad};
 *                 softmax {@code rows, cols}; elementwise {@code n}; train {@code batch}
 * @param model    train: the model name; otherwise null
 * @param backward conv2d: each call also runs the backward (the gradients of input and weight)
 */
record BenchSize(BenchOp op, String label, int[] dims, String model, boolean backward) {

    BenchSize(BenchOp op, String label, int[] dims, String model) {
        this(op, label, dims, model, false);
    }

    /** This size with the backward timed too (conv2d). */
    BenchSize withBackward() {
        return new BenchSize(op, label, dims, model, true);
    }

    /** The op as the Python peer reads it: {@code conv2d-backward} for a timed backward. */
    String peerOp() {
        return backward ? op.label() + "-backward" : op.label();
    }

    /**
     * Floating-point operations of one call: gemm {@code 2mkn}, conv2d {@code 2·N·O·Hout·Wout·C·K·K}
     * forward, three times that with the backward (each gradient is a product of the same size).
     */
    double flops() {
        return switch (op) {
            case GEMM -> 2.0 * dims[0] * dims[1] * dims[2];
            case CONV2D -> (backward ? 3.0 : 1.0) * 2.0 * dims[0] * dims[4] * outSide(dims[2]) * outSide(dims[3])
                    * dims[1] * dims[5] * dims[5];
            default -> 0;
        };
    }

    /**
     * Bytes one call must move at the least, for elements of {@code elementBytes}: elementwise
     * {@code out = a + b} reads two and writes one per element; softmax reads the input once and
     * writes the output once (a real kernel reads it more, this is the floor).
     */
    double bytes(int elementBytes) {
        return switch (op) {
            case ELEMENTWISE -> 3.0 * elementBytes * dims[0];
            case SOFTMAX -> 2.0 * elementBytes * dims[0] * (double) dims[1];
            default -> 0;
        };
    }

    /** Examples per call (train: the batch); 0 for the kernels. */
    int samples() {
        return op == BenchOp.TRAIN ? dims[0] : 0;
    }

    /** Output height or width of the convolution for an input side {@code side}. */
    int outSide(int side) {
        return (side + 2 * dims[7] - dims[5]) / dims[6] + 1;
    }

    /** The size as the table shows it. */
    String display() {
        return switch (op) {
            case CONV2D -> String.format(Locale.ROOT, "%dx%dx%dx%d %d>%d k%d s%d p%d%s", dims[0], dims[1], dims[2],
                    dims[3], dims[1], dims[4], dims[5], dims[6], dims[7], backward ? " +bwd" : "");
            case TRAIN -> model + " b" + dims[0];
            default -> label;
        };
    }
}
