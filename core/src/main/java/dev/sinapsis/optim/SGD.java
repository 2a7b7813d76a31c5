package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
 * decay, exactly as PyTorch 1.13's {@code torch.optim.SGD}:
 * <pre>
 * d = g + weight_decay * w
 * if momentum != 0:
 *     buf = d                                   (first step)
 *     buf = momentum * buf + (1 - dampening) * d  (later steps)
 *     d = nesterov ? d + momentum * buf : buf
 * w = w - lr * d
 * </pre>
 * Options: {@code lr} (required), {@code momentum} 0, {@code dampening} 0, {@code weight_decay} 0,
 * {@code nesterov} false. State buffer: {@code momentum_buffer} (when momentum is non-zero).
 *
 * <pre>{@code
 * Optimizer opt = SGD.builder(params).lr(0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
    private SGD(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("SGD", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Options of {@link SGD}; {@link #lr} must be set. */
    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private Builder(List<ParamGroup> groups) {
            super(groups, defaults());
        }

        private static Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("lr", Double.NaN);
            d.put("momentum", 0.0);
            d.put("dampening", 0.0);
            d.put("weight_decay", 0.0);
            d.put("nesterov", 0.0);
            return d;
        }

        /** Momentum factor (default 0). */
        public Builder momentum(double momentum) {
            return option("momentum", momentum);
        }

        /** Dampening of the momentum (default 0). */
        public Builder dampening(double dampening) {
            return option("dampening", dampening);
        }

        /** Nesterov momentum (default false); needs momentum > 0 and zero dampening. */
        public Builder nesterov(boolean nesterov) {
            return option("nesterov", nesterov ? 1 : 0);
        }

        @Override
        public SGD build() {
            return new SGD(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        requireNonNegative("learning rate", g.lr());
        requireNonNegative("momentum", g.get("momentum"));
        requireNonNegative("weight_decay", g.get("weight_decay"));
        if (g.flag("nesterov") && (g.get("momentum") <= 0 || g.get("dampening") != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum > 0 and zero dampening");
        }
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        return g.get("momentum") != 0 ? List.of("momentum_buffer") : List.of();
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        double wd = g.get("weight_decay");
        double momentum = g.get("momentum");
        Tensor d = wd != 0 ? grad.add(p.mul(wd)) : grad;
        if (momentum != 0) {
            Tensor buf = s.buffer("momentum_buffer");
            if (buf == null) {
                buf = zerosLike(p).copyFrom(d);
                s.put("momentum_buffer", buf);
            } else {
                assign(buf, buf.mul(momentum).add(d.mul(1 - g.get("dampening"))));
            }
            d = g.flag("nesterov") ? d.add(buf.mul(momentum)) : buf;
        }
        assign(p, p.sub(d.mul(g.lr())));
    }
}
