package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer-wise Adaptive Rate Scaling (You, Gitman and Ginsburg 2017, "Large Batch Training of
 * Convolutional Networks", Algorithm 1). PyTorch has no LARS; this follows the paper, with an
 * {@code eps} in the denominator:
 * <pre>
 * local_lr = eta * ||w|| / (||g|| + weight_decay * ||w|| + eps)     (per parameter tensor;
 *            1 when ||w|| or ||g|| is 0)
 * v = momentum * v + lr * local_lr * (g + weight_decay * w)          (v starts at 0)
 * w = w - v
 * </pre>
 * Norms are Euclidean over each parameter tensor (the paper's "layer"). Options: {@code lr}
 * (required, the global rate gamma), {@code momentum} 0.9, {@code weight_decay} 0 (beta),
 * {@code eta} 0.001 (trust coefficient), {@code eps} 1e-8. State buffer: {@code momentum_buffer}.
 *
 * <pre>{@code
 * Optimizer opt = LARS.builder(params).lr(2.0).momentum(0.9).weightDecay(5e-4).eta(0.001).build();
 * }</pre>
 */
public final class LARS extends Optimizer {
    private LARS(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("LARS", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Options of {@link LARS}; {@link #lr} must be set. */
    public static final class Builder extends OptimizerBuilder<Builder, LARS> {
        private Builder(List<ParamGroup> groups) {
            super(groups, defaults());
        }

        private static Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("lr", Double.NaN);
            d.put("momentum", 0.9);
            d.put("weight_decay", 0.0);
            d.put("eta", 0.001);
            d.put("eps", 1e-8);
            return d;
        }

        /** Momentum factor (default 0.9). */
        public Builder momentum(double momentum) {
            return option("momentum", momentum);
        }

        /** Trust coefficient eta (default 0.001). */
        public Builder eta(double eta) {
            return option("eta", eta);
        }

        /** Term added to the trust ratio's denominator (default 1e-8). */
        public Builder eps(double eps) {
            return option("eps", eps);
        }

        @Override
        public LARS build() {
            return new LARS(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        requireNonNegative("learning rate", g.lr());
        requireNonNegative("momentum", g.get("momentum"));
        requireNonNegative("weight_decay", g.get("weight_decay"));
        requireNonNegative("eta", g.get("eta"));
        requireNonNegative("eps", g.get("eps"));
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        return List.of("momentum_buffer");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        double wd = g.get("weight_decay");
        Tensor buf = s.buffer("momentum_buffer", () -> zerosLike(p));
        Tensor wNorm = p.square().sum().sqrt();
        Tensor gNorm = grad.square().sum().sqrt();
        Tensor ratio = wNorm.mul(g.get("eta")).div(gNorm.add(wNorm.mul(wd)).add(g.get("eps")));
        Tensor localLr = Tensor.where(wNorm.gt(0).and(gNorm.gt(0)), ratio, 1.0);
        Tensor d = wd != 0 ? grad.add(p.mul(wd)) : grad;
        assign(buf, buf.mul(g.get("momentum")).add(d.mul(localLr.mul(g.lr()))));
        assign(p, p.sub(buf));
    }
}
