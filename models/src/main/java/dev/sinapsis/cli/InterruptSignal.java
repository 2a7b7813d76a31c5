package dev.sinapsis.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns the first Ctrl-C (SIGINT) during a scope into a request to stop after the current step, so
 * the trainer can save a checkpoint and exit; a second Ctrl-C, or one outside any scope, quits at
 * once with status 130 as the JVM's own handler does (the checkpoint is replaced atomically, so
 * that is safe too). Where the signal cannot be handled (started with SIGINT ignored, as
 * background jobs are, or with {@code -Xrs}) nothing changes.
 *
 * <p>The handler is installed once per JVM and never removed (handing the signal back to a handler
 * of the JVM's own is not reliable through the public API); outside a scope it behaves like the
 * default. It uses {@code sun.misc.Signal} of the {@code jdk.unsupported} module (no
 * {@code jdk.internal}), through reflection so that the build stays free of javac's
 * proprietary-API warnings.
 */
final class InterruptSignal implements AutoCloseable {
    /** What the next Ctrl-C does: stop the current run (null outside a scope). */
    private static final AtomicReference<Runnable> TARGET = new AtomicReference<>();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final Runnable target;

    private InterruptSignal(Runnable target) {
        this.target = target;
    }

    /** Until {@link #close()}, the first Ctrl-C runs {@code onFirst} (on the signal thread) instead of exiting. */
    static InterruptSignal install(Runnable onFirst) {
        installOnce();
        TARGET.set(onFirst);
        return new InterruptSignal(onFirst);
    }

    @Override
    public void close() {
        TARGET.compareAndSet(target, null);
    }

    private static void onSignal() {
        Runnable target = TARGET.getAndSet(null);
        if (target != null) {
            target.run();
        } else {
            Runtime.getRuntime().exit(TrainCommand.EXIT_INTERRUPTED);
        }
    }

    private static void installOnce() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object ignored = handlerClass.getField("SIG_IGN").get(null);
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onSignal();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "sinapsis SIGINT handler";
            };
            Object handler = Proxy.newProxyInstance(InterruptSignal.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, calls);
            Object old = handle.invoke(null, signal, handler);
            if (old == ignored) { // ignored since the JVM started (a background job): leave it so
                handle.invoke(null, signal, ignored);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            // no sun.misc.Signal, or SIGINT reserved (-Xrs): Ctrl-C keeps its default meaning
        }
    }
}
