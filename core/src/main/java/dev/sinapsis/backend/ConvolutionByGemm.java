package dev.sinapsis.backend;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;

/**
 * {@link ConvolutionOps} through a backend's own primitives, for the shapes where unfolding the
 * input and one batched GEMM beat a direct kernel (many channels and filters): {@code im2col} of
 * the whole batch into a temporary, one {@code matmul} over the batch with the weight broadcast
 * (stride 0), and {@code col2im} or a batch sum where the gradient needs one: a handful of launches
 * per call whatever the batch, the composite of {@code Convolutions} without the tape's extra
 * tensors. A device backend that implements {@link ConvolutionOps} with direct kernels
 * calls these above its size rule; temporaries are released once their users are enqueued (device
 * backends run their kernels in order, so a reused buffer is never overwritten early).
 */
public final class ConvolutionByGemm {
    /**
     * Weight elements ({@code O*C*kH*kW}) above which the OpenCL and CUDA backends take this path
     * for the forward instead of their direct kernel. Measured on PoCL (2 cores, CLBlast, batch 64):
     * the direct forward was 1.5-2.5x faster at 400 and 12,800 weight elements ({@code cnn}'s layers),
     * 1.1-1.6x slower at 36,864 and 147,456 (64 and 128 channels, 3x3).
     */
    public static final int DIRECT_MAX_WEIGHTS = 1 << 14;
    /**
     * The same bound for the two gradients, lower: their direct kernels have no per-work-item reuse
     * like the forward's block of filters. On PoCL they were 2x faster at 400 weight elements, and
     * at 12,800 the input gradient was 2.6x slower (the weight gradient 1.1x).
     */
    public static final int DIRECT_MAX_GRAD_WEIGHTS = 1 << 12;
    /** System property overriding {@link #DIRECT_MAX_WEIGHTS} (0: always this path; a large value: never), for tuning a device. */
    public static final String DIRECT_MAX_PROPERTY = "sinapsis.conv.directMaxWeights";
    /** System property overriding {@link #DIRECT_MAX_GRAD_WEIGHTS}. */
    public static final String DIRECT_MAX_GRAD_PROPERTY = "sinapsis.conv.directMaxGradWeights";

    private static final int DIRECT_MAX = Integer.getInteger(DIRECT_MAX_PROPERTY, DIRECT_MAX_WEIGHTS);
    private static final int DIRECT_MAX_GRAD = Integer.getInteger(DIRECT_MAX_GRAD_PROPERTY, DIRECT_MAX_GRAD_WEIGHTS);

    private ConvolutionByGemm() {
    }

    /**
     * True when a backend with direct kernels should take this path for the forward of a
     * convolution with {@code weight}'s shape: more weight elements than {@link #DIRECT_MAX_WEIGHTS}
     * (or {@link #DIRECT_MAX_PROPERTY}).
     */
    public static boolean preferred(View weight) {
        return weight.numel() > DIRECT_MAX;
    }

    /**
     * True when a backend with direct kernels should take this path for the input or weight
     * gradient: more weight elements than {@link #DIRECT_MAX_GRAD_WEIGHTS} (or {@link #DIRECT_MAX_GRAD_PROPERTY}).
     */
    public static boolean preferredForGradients(View weight) {
        return weight.numel() > DIRECT_MAX_GRAD;
    }

    /** {@link ConvolutionOps#conv2d} on {@code b}: im2col, one batched GEMM, the bias broadcast-added in place. */
    public static void conv2d(Backend b, View out, View x, View weight, View bias, ConvGeometry g) {
        Dims d = Dims.of(x, weight.dim(0), g);
        Storage cols = b.allocate(x.dtype(), d.n * d.k * d.p);
        try {
            View colsV = View.contiguous(cols, Shape.of(d.n, d.k, d.p));
            b.im2col(colsV, x, g);
            View w = new View(weight.storage(), Shape.of(d.n, d.o, d.k), new int[] {0, d.k, 1}, weight.offset());
            View y = new View(out.storage(), Shape.of(d.n, d.o, d.p), new int[] {d.o * d.p, d.p, 1}, out.offset());
            b.matmul(y, w, colsV);
        } finally {
            cols.release();
        }
        if (bias != null) {
            View bb = new View(bias.storage(), out.shape(), new int[] {0, 1, 0, 0}, bias.offset());
            b.binary(BinaryOp.ADD, out, out, bb);
        }
    }

    /** {@link ConvolutionOps#conv2dInputGrad} on {@code b}: one batched GEMM with the weight transposed, then col2im. */
    public static void conv2dInputGrad(Backend b, View gradX, View gradOut, View weight, ConvGeometry g) {
        Dims d = Dims.of(gradX, weight.dim(0), g);
        Storage cols = b.allocate(gradX.dtype(), d.n * d.k * d.p);
        try {
            View colsV = View.contiguous(cols, Shape.of(d.n, d.k, d.p));
            View wt = new View(weight.storage(), Shape.of(d.n, d.k, d.o), new int[] {0, 1, d.k}, weight.offset());
            View gy = new View(gradOut.storage(), Shape.of(d.n, d.o, d.p), new int[] {d.o * d.p, d.p, 1},
                    gradOut.offset());
            b.matmul(colsV, wt, gy);
            b.fill(gradX, 0);
            b.col2im(gradX, colsV, g);
        } finally {
            cols.release();
        }
    }

    /** {@link ConvolutionOps#conv2dWeightGrad} on {@code b}: im2col, one batched GEMM per image product, their sum over the batch. */
    public static void conv2dWeightGrad(Backend b, View gradWeight, View gradOut, View x, ConvGeometry g) {
        Dims d = Dims.of(x, gradWeight.dim(0), g);
        DType t = x.dtype();
        Storage cols = b.allocate(t, d.n * d.k * d.p);
        Storage prod = b.allocate(t, d.n * d.o * d.k);
        try {
            View colsT = new View(cols, Shape.of(d.n, d.p, d.k), new int[] {d.k * d.p, 1, d.p}, 0);
            b.im2col(View.contiguous(cols, Shape.of(d.n, d.k, d.p)), x, g);
            View gy = new View(gradOut.storage(), Shape.of(d.n, d.o, d.p), new int[] {d.o * d.p, d.p, 1},
                    gradOut.offset());
            b.matmul(View.contiguous(prod, Shape.of(d.n, d.o, d.k)), gy, colsT);
            // the batch axis last, so the reduction sums it: [O, K, N]
            View perImage = new View(prod, Shape.of(d.o, d.k, d.n), new int[] {d.k, 1, d.o * d.k}, 0);
            View gw = new View(gradWeight.storage(), Shape.of(d.o, d.k), new int[] {d.k, 1}, gradWeight.offset());
            b.reduce(ReduceOp.SUM, gw, perImage);
        } finally {
            cols.release();
            prod.release();
        }
    }

    /** Batch, filters, unfolded rows {@code C*kH*kW} and output positions {@code oH*oW}. */
    private record Dims(int n, int o, int k, int p) {
        static Dims of(View x, int filters, ConvGeometry g) {
            return new Dims(x.dim(0), filters, x.dim(1) * g.kernelH() * g.kernelW(),
                    g.outH(x.dim(2)) * g.outW(x.dim(3)));
        }
    }
}
