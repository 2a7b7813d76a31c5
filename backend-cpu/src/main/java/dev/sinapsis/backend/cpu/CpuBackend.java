package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ActivationOps;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.BatchNormOps;
import dev.sinapsis.backend.ConvolutionOps;
import dev.sinapsis.backend.MemoryCounter;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.LstmSequenceOps;
import dev.sinapsis.backend.OptimizerOps;
import dev.sinapsis.backend.PoolingOps;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.gemm.MatmulEngine;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Device;

/**
 * The CPU backend: pure-Java kernels over heap arrays, parallel on one shared pool
 * ({@link Parallel}), with a packed SGEMM and, when ND4J's natives load, OpenBLAS for large GEMMs.
 * It adds the optional fused softmax ({@link SoftmaxOps}), max pooling ({@link PoolingOps}), LSTM
 * cell ({@link LstmCellOps}) and whole recurrence ({@link LstmSequenceOps}), one-pass Adam update ({@link OptimizerOps}), convolution
 * ({@link ConvolutionOps}), ReLU's backward and leaky ReLU ({@link ActivationOps}), and batch normalisation
 * in training mode ({@link BatchNormOps}).
 */
public final class CpuBackend implements Backend, SoftmaxOps, PoolingOps, LstmCellOps, LstmSequenceOps, OptimizerOps,
        ConvolutionOps, ActivationOps, BatchNormOps {
    /** The name users select it by. */
    public static final String NAME = "cpu";

    private final MatmulEngine matmul;
    private final Device device = new Device(NAME, 0);
    private final MemoryCounter counter = new MemoryCounter();

    /** A backend whose ND4J use follows {@code -Dsinapsis.cpu.nd4j} (default auto). */
    public CpuBackend() {
        this(Nd4jMode.fromSystemProperty());
    }

    /**
     * A backend with an explicit ND4J mode.
     *
     * @throws dev.sinapsis.backend.BackendUnavailableException if the JVM was started without
     *     {@value VectorSupport#FLAG}; the message gives that flag
     */
    public CpuBackend(Nd4jMode mode) {
        VectorSupport.require();
        this.matmul = new MatmulEngine(mode);
    }

    /** True when large GEMMs go to ND4J. */
    public boolean usesNd4j() {
        return matmul.usesNd4j();
    }

    /** Heap storages handed out and not yet released (heap arrays: nothing is cached). */
    @Override
    public MemoryStats memoryStats() {
        return counter.stats();
    }

    MemoryCounter counter() {
        return counter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public String description() {
        return "CPU, " + Parallel.threads() + " threads, GEMM: " + matmul.describe();
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return CpuMemory.allocate(this, dtype, size);
    }

    @Override
    public void reluBackward(View out, View grad, View x) {
        CpuActivations.reluBackward(out, grad, x);
    }

    @Override
    public void leakyRelu(View out, View x, double slope) {
        CpuActivations.leakyRelu(out, null, x, slope);
    }

    @Override
    public void leakyReluBackward(View out, View grad, View x, double slope) {
        CpuActivations.leakyRelu(out, grad, x, slope);
    }

    @Override
    public Storage allocateForOverwrite(DType dtype, int size) {
        return CpuMemory.allocateForOverwrite(this, dtype, size);
    }

    @Override
    public Storage upload(DType dtype, Object hostArray) {
        return CpuMemory.upload(this, dtype, hostArray);
    }

    @Override
    public Object download(View src) {
        return CpuMemory.download(this, src);
    }

    @Override
    public void copy(View dst, View src) {
        CpuMemory.copy(dst, src);
    }

    @Override
    public void fill(View dst, double value) {
        CpuMemory.fill(dst, value);
    }

    @Override
    public void unary(UnaryOp op, View out, View x) {
        CpuElementwise.unary(op, out, x);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
        CpuElementwise.binary(op, out, a, b);
    }

    @Override
    public void ternary(TernaryOp op, View out, View a, View b, View c) {
        CpuElementwise.ternary(op, out, a, b, c);
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        CpuReduce.reduce(op, out, in);
    }

    @Override
    public void cumsum(View out, View in, boolean reverse) {
        CpuScan.cumsum(out, in, reverse);
    }

    @Override
    public void matmul(View out, View a, View b) {
        matmul.matmul(out, a, b);
    }

    @Override
    public void gather(View out, View in, int axis, View index) {
        CpuIndex.gather(out, in, axis, index);
    }

    @Override
    public void scatterAdd(View out, int axis, View index, View src) {
        CpuIndex.scatterAdd(out, axis, index, src);
    }

    @Override
    public void random(Distribution distribution, View out, long seed, long offset, double a, double b) {
        CpuRandom.random(distribution, out, seed, offset, a, b);
    }

    @Override
    public void im2col(View out, View in, ConvGeometry g) {
        CpuConv.im2col(out, in, g);
    }

    @Override
    public void col2im(View out, View cols, ConvGeometry g) {
        CpuConv.col2im(out, cols, g);
    }

    @Override
    public void conv2d(View out, View x, View weight, View bias, ConvGeometry g) {
        CpuConvolution.conv2d(out, x, weight, bias, g);
    }

    @Override
    public void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        CpuConvolution.conv2dInputGrad(gradX, gradOut, weight, g);
    }

    @Override
    public void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g) {
        CpuConvolution.conv2dWeightGrad(gradWeight, gradOut, x, g);
    }

    @Override
    public boolean conv2dWeightAndBiasGrad(View gradWeight, View gradBias, View gradOut, View x, ConvGeometry g) {
        return CpuConvolution.conv2dWeightAndBiasGrad(gradWeight, gradBias, gradOut, x, g);
    }

    @Override
    public void batchNormTrain(View out, View mean, View var, View x, View weight, View bias, double eps) {
        CpuBatchNorm.train(out, mean, var, x, weight, bias, eps);
    }

    @Override
    public void batchNormTrainGrad(View gradX, View gradWeight, View gradBias, View gradOut, View x, View weight,
                                   View mean, View var, double eps) {
        CpuBatchNorm.trainGrad(gradX, gradWeight, gradBias, gradOut, x, weight, mean, var, eps);
    }

    @Override
    public void softmax(View out, View in, boolean log) {
        CpuSoftmax.softmax(out, in, log);
    }

    @Override
    public void maxPool2d(View out, View indices, View in, ConvGeometry g) {
        CpuPooling.maxPool2d(out, indices, in, g);
    }

    @Override
    public void maxPool2dBackward(View gradIn, View gradOut, View indices) {
        CpuPooling.maxPool2dBackward(gradIn, gradOut, indices);
    }

    @Override
    public void lstmCell(View h, View c, View act, View gates, View cPrev) {
        CpuLstmCell.forward(h, c, act, gates, cPrev);
    }

    @Override
    public void lstmCellBackward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c,
                                 View cPrev) {
        CpuLstmCell.backward(gradGates, gradCPrev, gradH, gradC, act, c, cPrev);
    }

    @Override
    public void lstmSequence(View hs, View cs, View act, View inputGates, View wHh, View h0, View c0, int[] lengths,
                             boolean reverse) {
        CpuLstmSequence.forward(hs, cs, act, inputGates, wHh, h0, c0, lengths, reverse);
    }

    @Override
    public void lstmSequenceBackward(View gradGates, View gradH0, View gradC0, View gradHs, View gradCs, View act,
                                     View cs, View wHh, View c0, int[] lengths, boolean reverse) {
        CpuLstmSequence.backward(gradGates, gradH0, gradC0, gradHs, gradCs, act, cs, wHh, c0, lengths, reverse);
    }

    @Override
    public void adamStep(View param, View grad, View expAvg, View expAvgSq, View maxExpAvgSq, AdamStep step) {
        CpuOptimizer.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step);
    }

    @Override
    public String toString() {
        return description();
    }
}
