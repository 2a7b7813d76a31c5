package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi et al. 2011), exactly as PyTorch 1.13's {@code torch.optim.Adagrad}:
 * <pre>
 * g   = g + weight_decay * w
 * clr = lr / (1 + (step - 1) * lr_decay)
 * sum = sum + g * g                 (sum starts at initial_accumulator_value)
 * w   = w - clr * g / (sqrt(sum) + eps)
 * </pre>
 * Options: {@code lr} 1e-2, {@code lr_decay} 0, {@code weight_decay} 0,
 * {@code initial_accumulator_value} 0, {@code eps} 1e-10. State buffer: {@code sum}.
 */
public final class Adagrad extends Optimizer {
    private Adagrad(List<ParamGroup> groups, Map<String, Double> defaults) {
        super("Adagrad", groups, defaults);
    }

    /** A builder over one group holding {@code params}. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(OptimizerBuilder.single(params));
    }

    /** A builder over parameter groups with their own options. */
    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Options of {@link Adagrad}. */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        private Builder(List<ParamGroup> groups) {
            super(groups, defaults());
        }

        private static Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("lr", 1e-2);
            d.put("lr_decay", 0.0);
            d.put("weight_decay", 0.0);
            d.put("initial_accumulator_value", 0.0);
            d.put("eps", 1e-10);
            return d;
        }

        /** Learning-rate decay per step (default 0). */
        public Builder lrDecay(double lrDecay) {
            return option("lr_decay", lrDecay);
        }

        /** Starting value of the sum of squared gradients (default 0). */
        public Builder initialAccumulatorValue(double value) {
            return option("initial_accumulator_value", value);
        }

        /** Term added to the denominator (default 1e-10). */
        public Builder eps(double eps) {
            return option("eps", eps);
        }

        @Override
        public Adagrad build() {
            return new Adagrad(groups, defaults);
        }
    }

    @Override
    protected void checkOptions(ParamGroup g) {
        requireNonNegative("learning rate", g.lr());
        requireNonNegative("lr_decay", g.get("lr_decay"));
        requireNonNegative("weight_decay", g.get("weight_decay"));
        requireNonNegative("initial_accumulator_value", g.get("initial_accumulator_value"));
        requireNonNegative("eps", g.get("eps"));
    }

    @Override
    protected List<String> bufferNames(ParamGroup g) {
        return List.of("sum");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamState s, ParamGroup g) {
        double wd = g.get("weight_decay");
        Tensor sum = s.buffer("sum", () -> zerosLike(p).fill(g.get("initial_accumulator_value")));
        Tensor d = wd != 0 ? grad.add(p.mul(wd)) : grad;
        double clr = g.lr() / (1 + (s.step() - 1) * g.get("lr_decay"));
        assign(sum, sum.add(d.mul(d)));
        Tensor std = sum.sqrt().add(g.get("eps"));
        assign(p, p.sub(d.div(std).mul(clr)));
    }
}
