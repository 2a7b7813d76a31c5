package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An optimizer's state for one parameter: the number of updates it received and named buffers
 * (e.g. {@code exp_avg}). Buffers are allocated once and then updated in place.
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
        return buffers.computeIfAbsent(name, k -> init.get());
    }

    /** The buffer called {@code name}, or {@code null}. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** Stores a buffer (used the first time a buffer's value is known, e.g. SGD's momentum). */
    public void put(String name, Tensor value) {
        buffers.put(name, value);
    }

    /** The buffers, read only (live tensors). */
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }
}
