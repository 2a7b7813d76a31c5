package dev.sinapsis.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Owns the tensors created on this thread while it is open and releases them when it closes, so
 * device memory returns to the backend's pool at a known point instead of whenever the garbage
 * collector runs (in the spirit of DJL's {@code NDManager}).
 *
 * <pre>{@code
 * for (Batch b : loader.epoch(e)) {
 *     try (MemoryScope step = MemoryScope.open()) {
 *         Tensor loss = lossFn(model.forward(b.inputs()), b.targets());
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         lossValue = loss.item();          // read what you need before the scope closes
 *     }                                     // every intermediate of the step is released here
 * }
 * }</pre>
 *
 * <p>What escapes: a tensor passed to {@link #keep} (it moves to the enclosing scope, or to no
 * scope, where its owner closes it or the collector reclaims it); {@link #escape} takes a tensor out
 * of every scope. Module parameters and buffers, gradients stored on tensors that outlive the scope
 * (such as parameters), and optimizer state escape by themselves. Releasing is idempotent and only
 * drops the tensor's reference to its storage, so views and other handles of the same storage
 * stay valid.
 *
 * <p>Scopes nest and belong to the thread that opened them; closing one also closes the scopes
 * opened inside it that are still open. A tensor used after its scope closed fails with a message
 * saying so. The {@code Cleaner} of device storages remains only as a safety net for tensors made
 * outside any scope.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<Deque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Deque<MemoryScope> stack;
    private final MemoryScope parent;
    private final Thread thread = Thread.currentThread();
    private List<Tensor> tracked = new ArrayList<>();
    private boolean closed;

    private MemoryScope(Deque<MemoryScope> stack, MemoryScope parent) {
        this.stack = stack;
        this.parent = parent;
    }

    /** Opens a scope nested in the current one (if any) on this thread. */
    public static MemoryScope open() {
        Deque<MemoryScope> stack = STACK.get();
        MemoryScope scope = new MemoryScope(stack, stack.peek());
        stack.push(scope);
        return scope;
    }

    /** The innermost open scope of this thread, or {@code null}. */
    public static MemoryScope current() {
        return STACK.get().peek();
    }

    /**
     * Keeps {@code t} alive past this scope: it moves to the enclosing scope, or to no scope when
     * this is the outermost one. Returns {@code t}.
     *
     * @throws IllegalStateException if this scope is closed or {@code t} is not owned by it
     */
    public Tensor keep(Tensor t) {
        checkOpen("keep");
        if (t.owner != this) {
            throw new IllegalStateException("keep: the tensor of shape " + t.shape() + " is not owned by this scope"
                    + (t.owner == null ? " (it belongs to no scope)" : " (it belongs to another scope)"));
        }
        moveTo(t, parent);
        return t;
    }

    /** {@link #keep} for several tensors. */
    public void keepAll(Collection<Tensor> tensors) {
        tensors.forEach(this::keep);
    }

    /**
     * Takes {@code t} out of every scope: nothing releases it but its own {@link Tensor#close()}
     * (or, as a last resort, the garbage collector). Used for long-lived state such as parameters
     * and optimizer buffers. Returns {@code t}.
     */
    public static Tensor escape(Tensor t) {
        moveTo(t, null);
        return t;
    }

    /** Tensors this scope would release if it closed now. */
    public int size() {
        int n = 0;
        for (Tensor t : tracked) {
            if (t.owner == this) {
                n++;
            }
        }
        return n;
    }

    /** Releases every tensor this scope owns (and closes the scopes opened inside it). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a MemoryScope must be closed on the thread that opened it ("
                    + thread.getName() + ")");
        }
        while (stack.contains(this) && stack.peek() != this) {
            stack.peek().close();
        }
        stack.remove(this);
        closed = true;
        List<Tensor> mine = tracked;
        tracked = null;
        for (Tensor t : mine) {
            if (t.owner == this) {
                t.owner = null;
                t.releaseByScope();
            }
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------ used by Tensor

    /**
     * Registers a new tensor with the innermost scope of this thread; outside every scope its
     * storage gets the collector's safety net instead.
     */
    static void track(Tensor t) {
        MemoryScope s = STACK.get().peek();
        if (s != null) {
            t.owner = s;
            s.tracked.add(t);
        } else {
            safetyNet(t);
        }
    }

    /** Gives {@code t}'s storage the collector's safety net for the backend's counters. */
    static void safetyNet(Tensor t) {
        if (t.view().storage() instanceof dev.sinapsis.backend.RefCountedStorage r) {
            r.ensureSafetyNet();
        }
    }

    /** Moves {@code t} to {@code target} (null: no scope). */
    static void moveTo(Tensor t, MemoryScope target) {
        if (t.owner == target) {
            return;
        }
        if (target != null) {
            target.checkOpen("adopt");
            target.tracked.add(t);
        } else if (!t.isClosed()) {
            safetyNet(t); // it now outlives every scope: it may be dropped without being closed
        }
        t.owner = target; // the old scope's list entry is skipped because the owner changed
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": this MemoryScope is already closed");
        }
    }
}
