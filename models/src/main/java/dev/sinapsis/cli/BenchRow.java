package dev.sinapsis.cli;

import dev.sinapsis.tensor.DType;
import java.util.OptionalDouble;

/**
 * One measured line of {@code sinapsis bench}: a size on a backend, with the peer's figure when
 * {@code --compare} ran it.
 *
 * @param size     the size
 * @param dtype    the element type
 * @param backend  the backend's name
 * @param medianMs the median milliseconds of one call
 * @param peak     the backend's device peak
 * @param peerMs   the peer's median milliseconds for the same size (NaN when there is none)
 */
record BenchRow(BenchSize size, DType dtype, String backend, double medianMs, DevicePeak peak, double peerMs) {

    /** The figure the op is judged by for {@code ms} milliseconds a call: GFLOP/s, GB/s or samples/s. */
    double rate(double ms) {
        double seconds = ms / 1000;
        return switch (size.op()) {
            case GEMM, CONV2D -> size.flops() / seconds / 1e9;
            case SOFTMAX, ELEMENTWISE -> size.bytes(dtype.byteSize()) / seconds / 1e9;
            case TRAIN -> size.samples() / seconds;
        };
    }

    /** Sinapsis's figure. */
    double rate() {
        return rate(medianMs);
    }

    /** The share of the device's peak, for the ops counted in FLOPs and a known peak. */
    OptionalDouble percentOfPeak() {
        return hasPeak(size.op()) ? peak.percent(rate()) : OptionalDouble.empty();
    }

    /** The peer's time over Sinapsis's (> 1: Sinapsis is faster); NaN without a peer figure. */
    double ratio() {
        return peerMs / medianMs;
    }

    /** The unit of {@link #rate}. */
    static String unit(BenchOp op) {
        return switch (op) {
            case GEMM, CONV2D -> "GFLOP/s";
            case SOFTMAX, ELEMENTWISE -> "GB/s";
            case TRAIN -> "samples/s";
        };
    }

    /** Whether the op has a {@code % peak} column (those counted in FLOPs). */
    static boolean hasPeak(BenchOp op) {
        return op == BenchOp.GEMM || op == BenchOp.CONV2D;
    }
}
