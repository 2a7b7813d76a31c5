package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of parameters with its own hyper-parameters, as PyTorch's param groups: options not set
 * here take the optimizer's defaults.
 *
 * <pre>{@code
 * Optimizer opt = SGD.builder(
 *         ParamGroup.of(backbone.parameters()).lr(0.01),
 *         ParamGroup.of(head.parameters()).lr(0.1).set("weight_decay", 1e-4))
 *     .lr(0.05).momentum(0.9).build();
 * }</pre>
 *
 * <p>Option names are PyTorch's ({@code lr}, {@code weight_decay}, {@code momentum}, {@code eps},
 * {@code beta1}, {@code beta2}, ...); each optimizer's Javadoc lists the ones it accepts. Boolean
 * options ({@code nesterov}, {@code amsgrad}, {@code centered}) are stored as 1 or 0.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Double> options = new LinkedHashMap<>();

    private ParamGroup(List<Tensor> params) {
        this.params = List.copyOf(params);
    }

    /** A group of {@code params} with no options of its own yet. */
    public static ParamGroup of(List<Tensor> params) {
        return new ParamGroup(params);
    }

    /** A group of {@code params} with no options of its own yet. */
    public static ParamGroup of(Tensor... params) {
        return new ParamGroup(Arrays.asList(params));
    }

    /** Sets this group's learning rate; returns this. */
    public ParamGroup lr(double lr) {
        return set("lr", lr);
    }

    /** Sets a numeric option; returns this. */
    public ParamGroup set(String option, double value) {
        options.put(option, value);
        return this;
    }

    /** Sets a boolean option (stored as 1 or 0); returns this. */
    public ParamGroup set(String option, boolean value) {
        return set(option, value ? 1.0 : 0.0);
    }

    /** The parameters, in order. */
    public List<Tensor> params() {
        return params;
    }

    /** Whether {@code option} is set. */
    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** The value of {@code option}; an error naming the group's options if it is not set. */
    public double get(String option) {
        Double v = options.get(option);
        if (v == null) {
            throw new IllegalArgumentException("param group has no option '" + option + "'; it has " + options.keySet());
        }
        return v;
    }

    /** A boolean option (non-zero is true). */
    public boolean flag(String option) {
        return get(option) != 0;
    }

    /** The options, read only. */
    public Map<String, Double> options() {
        return Collections.unmodifiableMap(options);
    }

    /** This group's learning rate. */
    public double lr() {
        return get("lr");
    }
}
