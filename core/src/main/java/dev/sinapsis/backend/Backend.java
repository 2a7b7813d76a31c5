package dev.sinapsis.backend;

import dev.sinapsis.tensor.Device;

/**
 * A compute backend: the small set of primitives every device implements. Everything else
 * (composite ops, gradients, layers) is written once in the core out of these.
 *
 * <p>Implementations are created by a {@link BackendProvider} found with {@link java.util.ServiceLoader}.
 */
public interface Backend extends MemoryOps, ElementwiseOps, ReduceOps, MatmulOps, IndexOps, RandomOps,
        ConvOps {
    /** Short name, e.g. {@code "cpu"}; the name users select it by. */
    String name();

    /** The device this backend instance computes on. */
    Device device();

    /** A one-line human description (device model, mode), shown by tools such as {@code sinapsis devices}. */
    default String description() {
        return name();
    }
}
