package dev.sinapsis.spi;

import dev.sinapsis.autograd.Node;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * The part of a tensor that op and backend authors need and users do not: its strided
 * {@link View}, wrapping a kernel's output as a tensor, attaching a tape entry, accumulating a
 * gradient, moving storage in place. Kept out of {@link Tensor}'s public surface the way DJL keeps
 * {@code NDArrayEx} out of {@code NDArray}; {@code docs/ADDING_AN_OP.md} shows it in use.
 */
public final class TensorInternals {
    private static volatile Access access;

    private TensorInternals() {
    }

    /** The strided view kernels receive; fails if the tensor was closed. */
    public static View view(Tensor t) {
        return access().view(t);
    }

    /** A tensor over {@code view} (a kernel's output or a view of an existing storage); takes its own storage reference. */
    public static Tensor wrap(Backend backend, View view) {
        return access().wrap(backend, view);
    }

    /** A new contiguous tensor of {@code shape} and {@code dtype} on {@code backend} (zeroed), for a kernel to write. */
    public static Tensor empty(Backend backend, Shape shape, DType dtype) {
        return access().empty(backend, shape, dtype);
    }

    /** Marks {@code out} as produced by the tape entry {@code node} (what {@code Autograd.record} does). */
    public static void attachGradFn(Tensor out, Node node) {
        access().attachGradFn(out, node);
    }

    /** Adds {@code g} to {@code t}'s stored gradient (what the autograd engine does for leaves). */
    public static void accumulateGrad(Tensor t, Tensor g) {
        access().accumulateGrad(t, g);
    }

    /**
     * Replaces {@code t}'s storage by a copy on {@code target}, in place, so every holder of the
     * object sees the new device (used by {@code Module.to}). Returns {@code t}.
     */
    public static Tensor moveTo(Tensor t, Backend target) {
        return access().moveTo(t, target);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try { // the tensor class installs the bridge when it initialises
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }

    /**
     * Installs the bridge; called once by {@link Tensor}'s class initialiser, later calls are
     * refused. Not for use by anything else.
     */
    public static void install(Access bridge) {
        synchronized (TensorInternals.class) {
            if (access != null) {
                throw new IllegalStateException("TensorInternals: the bridge is already installed");
            }
            access = bridge;
        }
    }

    /** What the tensor package implements for this class. */
    public interface Access {
        View view(Tensor t);

        Tensor wrap(Backend backend, View view);

        Tensor empty(Backend backend, Shape shape, DType dtype);

        void attachGradFn(Tensor out, Node node);

        void accumulateGrad(Tensor t, Tensor g);

        Tensor moveTo(Tensor t, Backend target);
    }
}
