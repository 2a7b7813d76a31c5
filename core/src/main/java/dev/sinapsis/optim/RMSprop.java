package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e; centered variant of Graves 2013), exactly as PyTorch 1.13's
 * {@code torch.optim.RMSprop}:
 * <pre>
 * g   = g + weight_decay * w
 * v   = alpha * v + (1 - alpha) * g * g
 * avg = centered ? sqrt(v - m * m) + eps   with m = alpha * m + (1 - alpha) * g
 *                : sqrt(v) + eps
 * momentum > 0:  buf = momentum * buf + g / avg;  w = w - lr * buf
 * otherwise:     w = w - lr * g / avg
 * </pre>
 * Options: {@code lr} 1e-2, {@code alpha} 0.99, {@code eps} 1e-8, {@code weight_decay} 0,
 * {@code momentum} 0, {@code centered} false. State buffers: {@code square_avg},
 * {@code momentum_buffer} (momentum > 0), {@code grad_avg} (centered).
 */
public final class RMSprop extends Optimizer {
    private RMSprop(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("RMSprop", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Options of {@link RMSprop}. */
    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        private Builder(List<ParamGroup> groups) {
            super(groups, defaults());
        }

        private static Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("lr", 1e-2);
            d.put("alpha", 0.99);
            d.put("eps", 1e-8);
            d.put("weight_decay", 0.0);
            d.put("momentum", 0.0);
            d.put("centered", 0.0);
            return d;
        }

        /** Smoothing constant of the squared-gradient average (default 0.99). */
        public Builder alpha(double alpha) {
            return option("alpha", alpha);
        }

        /** Term added to the denominator (default 1e-8). */
        public Builder eps(double eps) {
            return option("eps", eps);
        }

        /** Momentum factor (default 0). */
        public Builder momentum(double momentum) {
            return option("momentum", momentum);
        }

        /** Normalise by the estimated variance instead of the second moment (default false). */
        public Builder centered(boolean centered) {
            return option("centered", centered ? 1 : 0);
        }

        @Override
        public RMSprop build() {
            return new RMSprop(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        requireNonNegative("learning rate", g.lr());
        requireNonNegative("alpha", g.get("alpha"));
        requireNonNegative("eps", g.get("eps"));
        requireNonNegative("momentum", g.get("momentum"));
        requireNonNegative("weight_decay", g.get("weight_decay"));
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (g.get("momentum") > 0) {
            names.add("momentum_buffer");
        }
        if (g.flag("centered")) {
            names.add("grad_avg");
        }
        return names;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        double wd = g.get("weight_decay");
        double alpha = g.get("alpha");
        double momentum = g.get("momentum");
        Tensor squareAvg = s.buffer("square_avg", () -> zerosLike(p));
        Tensor d = wd != 0 ? grad.add(p.mul(wd)) : grad;
        assign(squareAvg, squareAvg.mul(alpha).add(d.mul(d).mul(1 - alpha)));
        Tensor avg;
        if (g.flag("centered")) {
            Tensor gradAvg = s.buffer("grad_avg", () -> zerosLike(p));
            assign(gradAvg, gradAvg.mul(alpha).add(d.mul(1 - alpha)));
            avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
        } else {
            avg = squareAvg.sqrt();
        }
        avg = avg.add(g.get("eps"));
        if (momentum > 0) {
            Tensor buf = s.buffer("momentum_buffer", () -> zerosLike(p));
            assign(buf, buf.mul(momentum).add(d.div(avg)));
            assign(p, p.sub(buf.mul(g.lr())));
        } else {
            assign(p, p.sub(d.div(avg).mul(g.lr())));
        }
    }
}
