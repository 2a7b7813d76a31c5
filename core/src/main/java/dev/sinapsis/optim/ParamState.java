package dev.sinapsis.optim;

import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An optimizer's state for one parameter: the number of updates it received and named buffers
 * (e.g. {@code exp_avg}). Buffers are allocated once and then updated in place; they belong to
 * the optimizer, not to the {@link MemoryScope} of the step that created them.
 */
public final class ParamState {
    long step;
    final Map<String, Tensor> buffers = new LinkedHashMap<>();

    ParamState() {
    }

    /** How many updates this parameter received (PyTorch's {@code state['step']}). */
    public long step() {
        return step;
    }

    /** The buffer called {@code name}, created by {@code init} the first time. */
    public Tensor buffer(String name, Supplier<Tensor> init) {
        return buffers.computeIfAbsent(name, k -> MemoryScope.escape(init.get()));
    }

    /** The buffer called {@code name}, or {@code null}. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** Stores a buffer (used the first time a buffer's value is known, e.g. SGD's momentum). */
    public void put(String name, Tensor value) {
        Tensor old = buffers.put(name, MemoryScope.escape(value));
        if (old != null && old != value) {
            old.close();
        }
    }

    /** Releases every buffer (the optimizer forgot this parameter or loads new state). */
    void release() {
        buffers.values().forEach(Tensor::close);
        buffers.clear();
    }

    /** The buffers, read only (live tensors). */
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }
}
