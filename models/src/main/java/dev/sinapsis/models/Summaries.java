package dev.sinapsis.models;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ModuleSummary;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;

/** {@link Module#summary(Tensor)} of a model on one example of its data (images or token ids alike). */
public final class Summaries {
    private Summaries() {
    }

    /**
     * The summary of {@code model} fed a batch of one: the first example of {@code data}
     * ({@code [1, ...inputShape]}, F32 features or I64 token ids as the dataset says).
     *
     * @throws IllegalArgumentException if {@code data} is empty
     */
    public static ModuleSummary of(Module model, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("a model summary needs one example, and the dataset is empty");
        }
        int n = data.inputShape().numel();
        int[] shape = new int[data.inputShape().rank() + 1];
        shape[0] = 1;
        System.arraycopy(data.inputShape().toArray(), 0, shape, 1, shape.length - 1);
        Object host = data.inputType() == DType.I64 ? new long[n] : new float[n];
        data.copyInput(0, host, 0);
        try (Tensor sample = host instanceof long[] ids ? Tensor.of(ids, shape) : Tensor.of((float[]) host, shape)) {
            return model.summary(sample);
        }
    }
}
