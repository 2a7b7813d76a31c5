package dev.sinapsis.optim;

import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.OptimizerOps;
import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adam (Kingma and Ba 2015) with the AMSGrad variant, exactly as PyTorch 1.13's
 * {@code torch.optim.Adam}:
 * <pre>
 * g = g + weight_decay * w                    (L2 penalty; see {@link AdamW} for decoupled decay)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * vmax = max(vmax, v)                         (amsgrad only; used in place of v below)
 * w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Options: {@code lr} 1e-3, {@code beta1} 0.9, {@code beta2} 0.999, {@code eps} 1e-8,
 * {@code weight_decay} 0, {@code amsgrad} false. State buffers: {@code exp_avg},
 * {@code exp_avg_sq}, {@code max_exp_avg_sq} (amsgrad).
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder(params).lr(1e-3).betas(0.9, 0.999).amsgrad(true).build();
 * }</pre>
 */
public final class Adam extends Optimizer {
    private Adam(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("Adam", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    static Map<String, Double> defaults(double weightDecay) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 1e-3);
        d.put("beta1", 0.9);
        d.put("beta2", 0.999);
        d.put("eps", 1e-8);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", 0.0);
        return d;
    }

    /** Options of Adam and AdamW. */
    public abstract static class AdamBuilder<B extends AdamBuilder<B, O>, O extends Optimizer>
            extends OptimizerBuilder<B, O> {
        AdamBuilder(List<ParamGroup> groups, Map<String, Double> defaults) {
            super(groups, defaults);
        }

        /** Decay rates of the first and second moment averages (default 0.9, 0.999). */
        public B betas(double beta1, double beta2) {
            option("beta1", beta1);
            return option("beta2", beta2);
        }

        /** Term added to the denominator (default 1e-8). */
        public B eps(double eps) {
            return option("eps", eps);
        }

        /** Use the maximum of past second moments (AMSGrad, Reddi et al. 2018; default false). */
        public B amsgrad(boolean amsgrad) {
            return option("amsgrad", amsgrad ? 1 : 0);
        }
    }

    /** Builder of {@link Adam}. */
    public static final class Builder extends AdamBuilder<Builder, Adam> {
        private Builder(List<ParamGroup> groups) {
            super(groups, defaults(0.0));
        }

        @Override
        public Adam build() {
            return new Adam(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        check(this, g);
    }

    static void check(Optimizer o, ParamGroup g) {
        o.requireNonNegative("learning rate", g.lr());
        o.requireNonNegative("eps", g.get("eps"));
        o.requireUnitInterval("beta1", g.get("beta1"));
        o.requireUnitInterval("beta2", g.get("beta2"));
        o.requireNonNegative("weight_decay", g.get("weight_decay"));
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        return names(g);
    }

    static List<String> names(ParamGroup g) {
        return g.flag("amsgrad") ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
                : List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        adamUpdate(p, grad, s, g, false);
    }

    /** The Adam update; {@code decoupled} applies AdamW's weight decay instead of the L2 term. */
    static void adamUpdate(Tensor p, Tensor grad, ParamState s, ParamGroup g, boolean decoupled) {
        double lr = g.lr();
        double wd = g.get("weight_decay");
        double beta1 = g.get("beta1");
        double beta2 = g.get("beta2");
        Tensor expAvg = s.buffer("exp_avg", () -> zerosLike(p));
        Tensor expAvgSq = s.buffer("exp_avg_sq", () -> zerosLike(p));
        double step = s.step();
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / biasCorrection1;
        Tensor max = g.flag("amsgrad") ? s.buffer("max_exp_avg_sq", () -> zerosLike(p)) : null;
        Optional<OptimizerOps> fused = fusable(p, grad, expAvg, expAvgSq, max);
        if (fused.isPresent()) {
            fused.get().adamStep(TensorInternals.view(p), TensorInternals.view(grad), TensorInternals.view(expAvg),
                    TensorInternals.view(expAvgSq), max == null ? null : TensorInternals.view(max),
                    new OptimizerOps.AdamStep(lr, beta1, beta2, g.get("eps"), wd, decoupled, stepSize,
                            biasCorrection2Sqrt));
            return;
        }
        // the composite: the reference OptimizerOps implementations are compared with
        Tensor d = grad;
        if (decoupled) {
            assign(p, p.mul(1 - lr * wd));
        } else if (wd != 0) {
            d = grad.add(p.mul(wd));
        }
        assign(expAvg, expAvg.mul(beta1).add(d.mul(1 - beta1)));
        assign(expAvgSq, expAvgSq.mul(beta2).add(d.mul(d).mul(1 - beta2)));
        Tensor second = expAvgSq;
        if (max != null) {
            assign(max, max.maximum(expAvgSq));
            second = max;
        }
        Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add(g.get("eps"));
        assign(p, p.sub(expAvg.div(denom).mul(stepSize)));
    }

    /** The backend's one-pass update when it offers one and every operand is contiguous, of one dtype. */
    private static Optional<OptimizerOps> fusable(Tensor p, Tensor grad, Tensor... buffers) {
        if (!p.dtype().isFloating() || !p.isContiguous() || grad.dtype() != p.dtype() || !grad.isContiguous()
                || grad.backend() != p.backend() || grad.numel() != p.numel()) {
            return Optional.empty();
        }
        for (Tensor b : buffers) {
            if (b != null && (b.dtype() != p.dtype() || !b.isContiguous() || b.backend() != p.backend())) {
                return Optional.empty();
            }
        }
        return Capabilities.find(p.backend(), OptimizerOps.class);
    }
}
