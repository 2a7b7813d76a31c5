package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Capability;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A probe in front of the backend under test: every call goes to that backend unchanged, and every
 * capability it hands out is wrapped so that its calls are counted per capability type. Tensors
 * created while the probe is the current backend belong to the probe, so the core's capability
 * lookups for them go through it; this is how {@link CapabilityContract} proves the fused path ran
 * with the capability enabled and did not run inside {@code Capabilities.disable}.
 */
public final class CountingBackend {
    private final Backend inner;
    private final Backend probe;
    private final Map<Class<?>, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<Class<?>, UnaryOperator<Object>> replacements = new ConcurrentHashMap<>();

    private CountingBackend(Backend inner) {
        this.inner = inner;
        this.probe = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                new Forward());
    }

    /** A probe in front of {@code inner}. */
    public static CountingBackend wrap(Backend inner) {
        return new CountingBackend(inner);
    }

    /** The probe: use it as the current backend. */
    public Backend backend() {
        return probe;
    }

    /** The backend behind the probe. */
    public Backend inner() {
        return inner;
    }

    /** Calls made so far to the capability {@code type} handed out by the probe. */
    public long calls(Class<? extends Capability> type) {
        AtomicLong n = calls.get(type);
        return n == null ? 0 : n.get();
    }

    /**
     * Replaces the implementation of {@code type} the probe hands out with {@code replace} applied to
     * the inner backend's (still counted). Used to prove that a wrong fused kernel is caught.
     */
    public <T extends Capability> CountingBackend replacing(Class<T> type, UnaryOperator<T> replace) {
        replacements.put(type, o -> replace.apply(type.cast(o)));
        return this;
    }

    private Object counted(Class<?> type, Object implementation) {
        UnaryOperator<Object> replace = replacements.get(type);
        Object target = replace == null ? implementation : replace.apply(implementation);
        AtomicLong counter = calls.computeIfAbsent(type, k -> new AtomicLong());
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, target);
            }
            counter.incrementAndGet();
            return invoke(method, target, args);
        });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object target) throws Throwable {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "counting(" + target + ")";
            default -> invoke(method, target, args);
        };
    }

    private final class Forward implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, inner);
            }
            if (method.getName().equals("capability") && args != null && args.length == 1
                    && args[0] instanceof Class<?> type) {
                Optional<?> offered = (Optional<?>) CountingBackend.invoke(method, inner, args);
                return offered.map(c -> counted(type, c));
            }
            return CountingBackend.invoke(method, inner, args);
        }
    }
}
