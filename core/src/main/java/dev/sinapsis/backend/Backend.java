package dev.sinapsis.backend;

import dev.sinapsis.tensor.Device;
import java.util.Optional;

/**
 * A compute backend: the small set of primitives every device implements. Everything else
 * (composite ops, gradients, layers) is written once in the core out of these.
 *
 * <p>Implementations are created by a {@link BackendProvider} found with {@link java.util.ServiceLoader}.
 */
public interface Backend extends MemoryOps, ElementwiseOps, ReduceOps, ScanOps, MatmulOps, IndexOps, RandomOps,
        ConvOps {
    /** Short name, e.g. {@code "cpu"}; the name users select it by. */
    String name();

    /** The device this backend instance computes on. */
    Device device();

    /** A one-line human description (device model, mode), shown by tools such as {@code sinapsis devices}. */
    default String description() {
        return name();
    }

    /**
     * This backend's implementation of an optional fast path, or empty when it has none. The
     * default answers with this object when it implements {@code type}; a backend may return a
     * separate object instead. The core looks capabilities up through {@link Capabilities#find},
     * never with {@code instanceof}.
     */
    default <T extends Capability> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * The backend's own memory counters (live, cached and peak bytes), for users watching a
     * training loop and for tests proving it flat; never derived from the garbage collector.
     */
    MemoryStats memoryStats();
}
