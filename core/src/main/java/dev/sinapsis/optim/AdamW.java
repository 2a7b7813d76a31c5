package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), exactly as PyTorch 1.13's
 * {@code torch.optim.AdamW}: first {@code w = w * (1 - lr * weight_decay)}, then the {@link Adam}
 * update with the raw gradient. Options as Adam's, but {@code weight_decay} defaults to 0.01.
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(params).lr(1e-3).weightDecay(0.05).build();
 * }</pre>
 */
public final class AdamW extends Optimizer {
    private AdamW(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("AdamW", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Builder of {@link AdamW}. */
    public static final class Builder extends Adam.AdamBuilder<Builder, AdamW> {
        private Builder(List<ParamGroup> groups) {
            super(groups, Adam.defaults(0.01));
        }

        @Override
        public AdamW build() {
            return new AdamW(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        Adam.check(this, g);
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        return Adam.names(g);
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        Adam.adamUpdate(p, grad, s, g, true);
    }
}
