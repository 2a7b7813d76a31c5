package dev.sinapsis.nn;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of every layer and model: named parameters (trainable leaves), buffers (state such as
 * running statistics), child modules, and train/eval mode.
 *
 * <p>Subclasses register their parts in the constructor and implement {@link #forward(Tensor)}:
 * <pre>{@code
 * class TwoLayer extends Module {
 *     final Linear fc1 = registerModule("fc1", new Linear(784, 128));
 *     final Linear fc2 = registerModule("fc2", new Linear(128, 10));
 *     public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()); }
 * }
 * }</pre>
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output. */
    public abstract Tensor forward(Tensor input);

    /** Registers a trainable tensor; it becomes a leaf that requires grad. Returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Tensor leaf = value.isLeaf() ? value : value.detach();
        if (!leaf.requiresGrad()) {
            leaf.requiresGrad(true);
        }
        parameters.put(name, MemoryScope.escape(leaf));
        return leaf;
    }

    /** Registers a non-trainable state tensor saved in the state dict (e.g. running mean). Returns it. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, MemoryScope.escape(value));
        return value;
    }

    /** Replaces a buffer's value (e.g. updated running statistics). */
    protected final void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no buffer '" + name + "'");
        }
        Tensor old = buffers.put(name, MemoryScope.escape(value));
        if (old != value) {
            old.close();
        }
    }

    /** Registers a child module under {@code name}. Returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module part names must be non-empty and contain no '.', got '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a part named '" + name + "'");
        }
    }

    /** Every trainable tensor of this module and its children, in registration order, without repeats. */
    public List<Tensor> parameters() {
        Set<Tensor> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : namedParameters()) {
            if (seen.add(p.value())) {
                out.add(p.value());
            }
        }
        return out;
    }

    /** Every trainable tensor with its dotted name. */
    public List<Parameter> namedParameters() {
        List<Parameter> out = new ArrayList<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, List<Parameter> out) {
        parameters.forEach((n, t) -> out.add(new Parameter(prefix + n, t)));
        children.forEach((n, m) -> m.collectParameters(prefix + n + ".", out));
    }

    /** Direct children by name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Parameters and buffers by dotted name: what a checkpoint stores. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, t) -> out.put(prefix + n, t));
        buffers.forEach((n, t) -> out.put(prefix + n, t));
        children.forEach((n, m) -> m.collectState(prefix + n + ".", out));
    }

    /**
     * Copies {@code state} into this module's parameters and buffers (in place, converting dtype).
     *
     * @throws IllegalArgumentException listing every missing, unexpected or mis-shaped entry
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        List<String> problems = new ArrayList<>();
        for (String k : mine.keySet()) {
            if (!state.containsKey(k)) {
                problems.add("missing '" + k + "'");
            } else if (!state.get(k).shape().equals(mine.get(k).shape())) {
                problems.add("'" + k + "' has shape " + state.get(k).shape() + " but the module expects "
                        + mine.get(k).shape());
            }
        }
        Set<String> unexpected = new LinkedHashSet<>(state.keySet());
        unexpected.removeAll(mine.keySet());
        for (String k : unexpected) {
            problems.add("unexpected '" + k + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": "
                    + String.join("; ", problems));
        }
        try (var ignored = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : mine.entrySet()) {
                Tensor src = state.get(e.getKey()).to(e.getValue().backend()).to(e.getValue().dtype());
                e.getValue().copyFrom(src);
            }
        }
    }

    /** Switches this module and its children to training mode; returns this. */
    public Module train() {
        return setTraining(true);
    }

    /** Switches this module and its children to evaluation mode (dropout off, running statistics used). */
    public Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean on) {
        training = on;
        children.values().forEach(m -> m.setTraining(on));
        return this;
    }

    /** Sets this module's own mode only, not its children's (to restore a recorded state). */
    void restoreOwnTraining(boolean on) {
        training = on;
    }

    /** True in training mode (the default). */
    public boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /**
     * Moves every parameter and buffer (and gradient) to {@code target} in place, so layers keep
     * their references; returns this. Optimizers created before keep working on the moved
     * parameters; their state buffers stay where they were made, so create the optimizer after
     * moving the model.
     */
    public Module to(Backend target) {
        try (var ignored = Autograd.noGrad()) {
            for (Tensor t : stateDict().values()) {
                TensorInternals.moveTo(t, target);
            }
        }
        return this;
    }

    /** {@link #to(Backend)} by backend name, e.g. {@code "opencl"}. */
    public Module to(String backendName) {
        return to(Backends.get(backendName));
    }

    /**
     * Releases the storages of every parameter (with its gradient) and buffer of this module and
     * its children; the module is unusable afterwards. Idempotent.
     */
    @Override
    public void close() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
        for (Tensor t : stateDict().values()) {
            t.close();
        }
    }

    /** Total number of trainable elements. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /**
     * A Keras-style summary (every sub-module's type, output shape and parameter count, with the
     * totals) from one forward pass on zeros of {@code inputShape}, in the dtype and on the backend
     * of this module's first parameter. Runs in evaluation mode without recording gradients and
     * restores each module's mode, so running statistics are untouched. For models whose input is
     * not a float tensor (token ids), use {@link #summary(Tensor)}.
     */
    public ModuleSummary summary(int... inputShape) {
        List<Tensor> ps = parameters();
        Backend backend = ps.isEmpty() ? Backends.current() : ps.get(0).backend();
        DType dtype = ps.isEmpty() ? DType.F32 : ps.get(0).dtype();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor sample = Tensor.zeros(Shape.of(inputShape), dtype).to(backend);
            return ModuleSummary.of(this, sample);
        }
    }

    /** {@link #summary(int...)} with a sample input of the caller's choice (e.g. token ids). */
    public ModuleSummary summary(Tensor sampleInput) {
        return ModuleSummary.of(this, sampleInput);
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return getClass().getSimpleName() + "()";
        }
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        children.forEach((n, m) -> sb.append("  (").append(n).append("): ")
                .append(m.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }
}
