package dev.sinapsis.optim;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the optimizers: parameter groups with their options, per-parameter state, and the
 * state dict used by checkpoints.
 *
 * <p>{@link #step()} updates every parameter that has a gradient, in place and under
 * {@link Autograd#noGrad()}; parameters whose {@link Tensor#grad()} is {@code null} are skipped
 * and get no state, as in PyTorch.
 *
 * <p>State dict keys: {@code state.<i>.step} (I64 scalar) and {@code state.<i>.<buffer>} for the
 * {@code i}-th parameter counting across groups in order, and {@code param_groups.<g>.<option>}
 * (F64 scalars) for each group's options.
 */
public abstract class Optimizer implements AutoCloseable {
    private final String name;
    private final List<ParamGroup> groups;
    private final List<Tensor> params = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();

    /**
     * Fills each group's missing options from {@code defaults} and checks them.
     *
     * @throws IllegalArgumentException for an empty parameter list, a parameter given twice, a
     *                                  non-leaf parameter, an unknown option or a missing one
     */
    protected Optimizer(String name, List<ParamGroup> groups, Map<String, Double> defaults) {
        this.name = name;
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameter groups given");
        }
        this.groups = List.copyOf(groups);
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : this.groups) {
            for (String option : g.options().keySet()) {
                if (!defaults.containsKey(option)) {
                    throw new IllegalArgumentException(name + ": unknown option '" + option
                            + "' in a param group; known options are " + defaults.keySet());
                }
            }
            for (Map.Entry<String, Double> d : defaults.entrySet()) {
                if (!g.has(d.getKey())) {
                    if (d.getValue() == null || d.getValue().isNaN()) {
                        throw new IllegalArgumentException(name + ": option '" + d.getKey()
                                + "' has no default; set it on the builder, e.g. ." + d.getKey() + "(0.1)");
                    }
                    g.set(d.getKey(), d.getValue());
                }
            }
            for (Tensor p : g.params()) {
                if (!seen.add(p)) {
                    throw new IllegalArgumentException(name + ": a parameter of shape " + p.shape()
                            + " appears in more than one place; each parameter may be given once");
                }
                if (!p.isLeaf()) {
                    throw new IllegalArgumentException(name + ": can't optimize a non-leaf tensor (shape "
                            + p.shape() + "); pass leaves such as module.parameters()");
                }
                params.add(p);
            }
            checkOptions(g);
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
    }

    /** Checks one group's options (ranges, combinations); throws IllegalArgumentException. */
    protected abstract void checkOptions(ParamGroup group);

    /**
     * Updates {@code param} in place from {@code grad}; {@code state.step()} was already increased.
     * Called under {@link Autograd#noGrad()}.
     */
    protected abstract void update(Tensor param, Tensor grad, ParamState state, ParamGroup group);

    /** Names of the buffers a parameter of {@code group} has after its first step (for loadStateDict). */
    protected abstract List<String> bufferNames(ParamGroup group);

    /** Throws if {@code value} is negative or not finite; {@code what} names the option. */
    protected final void requireNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": invalid " + what + " " + value + "; it must be >= 0");
        }
    }

    /** Throws unless {@code 0 <= value < 1}. */
    protected final void requireUnitInterval(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + ": invalid " + what + " " + value + "; it must be in [0, 1)");
        }
    }

    /** Updates every parameter that has a gradient. */
    public void step() {
        try (var ignored = Autograd.noGrad()) {
            for (ParamGroup g : groups) {
                for (Tensor p : g.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;
                    }
                    ParamState s = state.computeIfAbsent(p, k -> new ParamState());
                    s.step++;
                    update(p, grad, s, g);
                }
            }
        }
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /** Releases the optimizer's state buffers (momenta, averages); the parameters are not touched. */
    @Override
    public void close() {
        state.values().forEach(ParamState::release);
        state.clear();
    }

    /** The parameter groups with their (filled-in) options. */
    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Every parameter, across groups, in state-dict index order. */
    public List<Tensor> parameters() {
        return Collections.unmodifiableList(params);
    }

    /** The first group's learning rate. */
    public double learningRate() {
        return learningRate(0);
    }

    /** Group {@code group}'s learning rate. */
    public double learningRate(int group) {
        return groups.get(group).lr();
    }

    /** Sets every group's learning rate. */
    public void setLearningRate(double lr) {
        for (int i = 0; i < groups.size(); i++) {
            setLearningRate(i, lr);
        }
    }

    /** Sets group {@code group}'s learning rate. */
    public void setLearningRate(int group, double lr) {
        requireNonNegative("learning rate", lr);
        groups.get(group).lr(lr);
    }

    /** The state of {@code param}, or {@code null} before its first update. */
    public ParamState state(Tensor param) {
        return state.get(param);
    }

    /** Copies of the state and the groups' options, keyed as described in the class Javadoc. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = state.get(params.get(i));
            if (s == null) {
                continue;
            }
            out.put("state." + i + ".step", Tensor.of(new long[] {s.step}).reshape());
            for (Map.Entry<String, Tensor> b : s.buffers.entrySet()) {
                out.put("state." + i + "." + b.getKey(), Tensor.zerosLike(b.getValue()).copyFrom(b.getValue()));
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            for (Map.Entry<String, Double> o : groups.get(g).options().entrySet()) {
                out.put("param_groups." + g + "." + o.getKey(), Tensor.of(new double[] {o.getValue()}).reshape());
            }
        }
        return out;
    }

    /**
     * Replaces the state and the groups' options with those in {@code dict} (as written by
     * {@link #stateDict()}); tensors are copied and converted to each parameter's dtype and backend.
     *
     * @throws IllegalArgumentException listing every missing, unexpected or mis-shaped entry; the
     *                                  optimizer is unchanged then
     */
    public void loadStateDict(Map<String, Tensor> dict) {
        List<String> problems = new ArrayList<>();
        Set<String> unexpected = new LinkedHashSet<>(dict.keySet());
        for (int g = 0; g < groups.size(); g++) {
            for (String option : groups.get(g).options().keySet()) {
                String key = "param_groups." + g + "." + option;
                if (!unexpected.remove(key)) {
                    problems.add("missing '" + key + "'");
                } else if (dict.get(key).numel() != 1) {
                    problems.add("'" + key + "' has shape " + dict.get(key).shape() + " but must hold one value");
                }
            }
        }
        // the buffers a parameter has depend on the options (Adam's amsgrad, SGD's momentum): check the
        // state against the options being loaded, and put the current ones back if anything is wrong
        boolean optionsOk = problems.isEmpty();
        List<Map<String, Double>> previous = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            previous.add(Map.copyOf(groups.get(g).options()));
            for (String option : List.copyOf(groups.get(g).options().keySet())) {
                Tensor v = dict.get("param_groups." + g + "." + option);
                if (v != null && v.numel() == 1) {
                    groups.get(g).set(option, v.item());
                }
            }
        }
        for (ParamGroup group : groups) {
            try {
                if (optionsOk) {
                    checkOptions(group);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        for (int i = 0; i < params.size(); i++) {
            String stepKey = "state." + i + ".step";
            if (!unexpected.remove(stepKey)) {
                continue;
            }
            if (dict.get(stepKey).numel() != 1) {
                problems.add("'" + stepKey + "' has shape " + dict.get(stepKey).shape() + " but must hold one value");
            }
            for (String buffer : bufferNames(groupOf(i))) {
                String key = "state." + i + "." + buffer;
                if (!unexpected.remove(key)) {
                    problems.add("missing '" + key + "'");
                } else if (!dict.get(key).shape().equals(params.get(i).shape())) {
                    problems.add("'" + key + "' has shape " + dict.get(key).shape() + " but parameter " + i
                            + " has shape " + params.get(i).shape());
                }
            }
        }
        for (String k : unexpected) {
            problems.add("unexpected '" + k + "'");
        }
        if (!problems.isEmpty()) {
            for (int g = 0; g < groups.size(); g++) {
                for (Map.Entry<String, Double> o : previous.get(g).entrySet()) {
                    groups.get(g).set(o.getKey(), o.getValue());
                }
            }
            throw new IllegalArgumentException(name + ".loadStateDict: " + String.join("; ", problems));
        }
        state.values().forEach(ParamState::release);
        state.clear();
        try (var ignored = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor stepT = dict.get("state." + i + ".step");
                if (stepT == null) {
                    continue;
                }
                Tensor p = params.get(i);
                ParamState s = new ParamState();
                s.step = (long) stepT.item();
                for (String buffer : bufferNames(groupOf(i))) {
                    Tensor src = dict.get("state." + i + "." + buffer).to(p.backend()).to(p.dtype());
                    s.put(buffer, Tensor.zerosLike(p).copyFrom(src));
                }
                state.put(p, s);
            }
        }
    }

    private ParamGroup groupOf(int index) {
        int i = index;
        for (ParamGroup g : groups) {
            if (i < g.params().size()) {
                return g;
            }
            i -= g.params().size();
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** {@code dst <- value} in place (dst keeps its storage). */
    protected static void assign(Tensor dst, Tensor value) {
        dst.copyFrom(value);
    }

    /** A zero buffer like {@code p} (same shape, dtype, backend), not requiring grad. */
    protected static Tensor zerosLike(Tensor p) {
        return Tensor.zerosLike(p);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (");
        for (int g = 0; g < groups.size(); g++) {
            sb.append(g == 0 ? "" : ", ").append("group ").append(g).append(": ")
                    .append(groups.get(g).params().size()).append(" params ").append(groups.get(g).options());
        }
        return sb.append(')').toString();
    }
}
