package dev.sinapsis.backend;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place optional fast paths are looked up. {@link #find} returns a backend's
 * {@link Capability} unless the current thread disabled it with {@link #disable}, which is how the
 * composite reference path is forced (by tests comparing the two, or by a user ruling out a fused
 * kernel while debugging, like {@code torch.backends.cudnn.enabled = False}).
 *
 * <pre>{@code
 * try (Capabilities.Disabled off = Capabilities.disable(SoftmaxOps.class)) {
 *     Tensor y = Activations.softmax(x, -1);   // composite of primitives
 * }
 * }</pre>
 */
public final class Capabilities {
    /** Every capability interface the core knows how to use, in the order they were added. */
    public static final List<Class<? extends Capability>> KNOWN = List.of(SoftmaxOps.class, PoolingOps.class,
            LstmCellOps.class, OptimizerOps.class, ConvolutionOps.class, ActivationOps.class, LstmSequenceOps.class,
            BatchNormOps.class);

    private static final ThreadLocal<Deque<Set<Class<?>>>> DISABLED = ThreadLocal.withInitial(ArrayDeque::new);

    private Capabilities() {
    }

    /**
     * {@code backend}'s implementation of {@code type}, or empty when it offers none or the
     * current thread disabled it.
     */
    public static <T extends Capability> Optional<T> find(Backend backend, Class<T> type) {
        if (isDisabled(type)) {
            return Optional.empty();
        }
        return backend.capability(type);
    }

    /** True when {@code type} is disabled on the current thread. */
    public static boolean isDisabled(Class<? extends Capability> type) {
        for (Set<Class<?>> s : DISABLED.get()) {
            if (s.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** The capabilities of {@link #KNOWN} that {@code backend} offers (ignoring {@link #disable}). */
    public static List<Class<? extends Capability>> offeredBy(Backend backend) {
        return KNOWN.stream().filter(c -> backend.capability(c).isPresent()).toList();
    }

    /** Disables {@code types} on the current thread until the returned handle is closed (nestable). */
    @SafeVarargs
    public static Disabled disable(Class<? extends Capability>... types) {
        Set<Class<?>> set = new HashSet<>(List.of(types));
        Deque<Set<Class<?>>> stack = DISABLED.get();
        stack.push(set);
        return new Disabled(stack, set);
    }

    /** Every capability of {@link #KNOWN} disabled on the current thread until closed. */
    public static Disabled disableAll() {
        @SuppressWarnings("unchecked")
        Class<? extends Capability>[] all = KNOWN.toArray(new Class[0]);
        return disable(all);
    }

    /** Handle of {@link #disable}; closing it re-enables what it disabled. Idempotent. */
    public static final class Disabled implements AutoCloseable {
        private final Deque<Set<Class<?>>> stack;
        private final Set<Class<?>> set;
        private boolean closed;

        private Disabled(Deque<Set<Class<?>>> stack, Set<Class<?>> set) {
            this.stack = stack;
            this.set = set;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                stack.removeFirstOccurrence(set);
            }
        }
    }
}
