package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Common part of the optimizers' builders: the parameter groups and the default options that
 * groups do not override.
 *
 * @param <B> the concrete builder (for chaining)
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    /** The parameter groups, in order. */
    protected final List<ParamGroup> groups;
    /** Defaults for every option the optimizer knows (PyTorch's defaults until changed). */
    protected final Map<String, Double> defaults = new LinkedHashMap<>();

    /** A builder over {@code groups} starting from {@code defaults}. */
    protected OptimizerBuilder(List<ParamGroup> groups, Map<String, Double> defaults) {
        this.groups = new ArrayList<>(groups);
        this.defaults.putAll(defaults);
    }

    /** One group holding every parameter. */
    protected static List<ParamGroup> single(List<Tensor> params) {
        return List.of(ParamGroup.of(params));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Sets a default option by its PyTorch name; returns this. */
    protected B option(String name, double value) {
        defaults.put(name, value);
        return self();
    }

    /** The default learning rate. */
    public B lr(double lr) {
        return option("lr", lr);
    }

    /** The default weight decay (L2 penalty added to the gradient, or decoupled for AdamW). */
    public B weightDecay(double weightDecay) {
        return option("weight_decay", weightDecay);
    }

    /** Builds the optimizer; errors name any invalid option. */
    public abstract O build();
}
