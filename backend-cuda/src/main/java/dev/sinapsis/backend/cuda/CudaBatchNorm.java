package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.ChannelRuns;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;

/**
 * Batch normalisation in training mode ({@code batchnorm.c}): one block per channel, its sums
 * folded in shared memory, forward (statistics and output) and backward (the two sums and the input
 * gradient) in one launch each. {@code x} contiguous {@code [N, C, S...]}; an absent weight, bias or
 * gradient is a flag, its buffer not touched.
 */
final class CudaBatchNorm {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaBatchNorm(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void train(View out, View mean, View var, View x, View weight, View bias, double eps) {
        DType t = x.dtype();
        ChannelRuns r = ChannelRuns.of("batchNormTrain", x, new View[] {out}, mean, var, weight, bias);
        ProgramSpec spec = program(t);
        String name = Kernels.batchNormName(t) + "_fwd";
        int lsz = runtime.reductionLocalSize(spec, name, (int) Math.min(Integer.MAX_VALUE, r.count()));
        runtime.launch(spec, name).buffer(storages.of(out)).i(out.offset()).buffer(storages.of(mean)).i(mean.offset())
                .buffer(storages.of(var)).i(var.offset()).buffer(storages.of(x)).i(x.offset())
                .buffer(storages.of(orElse(weight, mean))).i(orElse(weight, mean).offset())
                .buffer(storages.of(orElse(bias, mean))).i(orElse(bias, mean).offset())
                .i(weight != null ? 1 : 0).i(bias != null ? 1 : 0).i(r.n()).i(r.c()).i(r.s()).scalar(t, eps)
                .runGroups(r.c(), lsz);
    }

    void trainGrad(View gradX, View gradWeight, View gradBias, View gradOut, View x, View weight, View mean, View var,
                   double eps) {
        DType t = x.dtype();
        ChannelRuns r = ChannelRuns.of("batchNormTrainGrad", x, gradX == null ? new View[] {gradOut} : new View[] {gradOut, gradX},
                mean, var, weight, gradWeight, gradBias);
        ProgramSpec spec = program(t);
        String name = Kernels.batchNormName(t) + "_bwd";
        int lsz = runtime.reductionLocalSize(spec, name, (int) Math.min(Integer.MAX_VALUE, r.count()));
        runtime.launch(spec, name).buffer(storages.of(orElse(gradX, gradOut))).i(orElse(gradX, gradOut).offset())
                .buffer(storages.of(orElse(gradWeight, mean))).i(orElse(gradWeight, mean).offset())
                .buffer(storages.of(orElse(gradBias, mean))).i(orElse(gradBias, mean).offset())
                .buffer(storages.of(gradOut)).i(gradOut.offset()).buffer(storages.of(x)).i(x.offset())
                .buffer(storages.of(orElse(weight, mean))).i(orElse(weight, mean).offset())
                .buffer(storages.of(mean)).i(mean.offset()).buffer(storages.of(var)).i(var.offset())
                .i(gradX != null ? 1 : 0).i(gradWeight != null ? 1 : 0).i(gradBias != null ? 1 : 0)
                .i(weight != null ? 1 : 0).i(r.n()).i(r.c()).i(r.s()).scalar(t, eps)
                .runGroups(r.c(), lsz);
    }

    private ProgramSpec program(DType t) {
        return Kernels.batchNorm(t, true);
    }

    private static View orElse(View v, View other) {
        return v != null ? v : other;
    }
}
