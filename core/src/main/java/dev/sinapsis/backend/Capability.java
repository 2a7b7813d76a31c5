package dev.sinapsis.backend;

/**
 * Marker of an optional fused fast path a backend may offer on top of the primitives of
 * {@link Backend} (for example {@link SoftmaxOps}, {@link PoolingOps}, {@link LstmCellOps}). The core asks for one with
 * {@link Capabilities#find}, which honours {@link Capabilities#disable}; when a backend does not
 * offer it (or it is disabled) the core runs the public composite of primitives instead, which is
 * the reference the conformance suite compares every offered capability with, forward and backward.
 *
 * <p>A new capability is an interface extending this one, listed in {@link Capabilities#KNOWN}; the
 * suite then fails on every backend that offers it until a comparison case is registered for it.
 */
public interface Capability {
}
