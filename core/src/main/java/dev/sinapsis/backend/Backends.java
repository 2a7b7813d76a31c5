package dev.sinapsis.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds backends with {@link ServiceLoader} and picks the one tensors are created on.
 *
 * <p>Selection, first match wins: a backend set for the current thread with {@link #using};
 * one set with {@link #use}; the system property {@code sinapsis.backend}; the environment
 * variable {@code SINAPSIS_BACKEND}; otherwise the available backend with the highest priority.
 */
public final class Backends {
    /** System property naming the backend to use. */
    public static final String PROPERTY = "sinapsis.backend";
    /** Environment variable naming the backend to use. */
    public static final String ENV = "SINAPSIS_BACKEND";

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final Map<String, Backend> INSTANCES = new ConcurrentHashMap<>();
    private static final ThreadLocal<Backend> THREAD = new ThreadLocal<>();
    private static volatile Backend chosen;
    private static volatile List<BackendProvider> providers;

    private Backends() {
    }

    /** Every backend provider on the class path, highest priority first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> p = providers;
        if (p == null) {
            List<BackendProvider> found = new ArrayList<>();
            ServiceLoader.load(BackendProvider.class).forEach(found::add);
            found.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
            providers = p = List.copyOf(found);
        }
        return p;
    }

    /**
     * The backend called {@code name}, created on first use.
     *
     * @throws BackendUnavailableException if no such backend is on the class path, or it cannot
     *                                     run here; the message says why and how to fix it
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Backend existing = INSTANCES.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (INSTANCES) {
            existing = INSTANCES.get(key);
            if (existing != null) {
                return existing;
            }
            BackendProvider provider = providers().stream()
                    .filter(p -> p.name().equalsIgnoreCase(key))
                    .findFirst()
                    .orElseThrow(() -> new BackendUnavailableException("unknown backend '" + name
                            + "': the class path has " + names() + "; add the module sinapsis-backend-"
                            + key + " to the class path, or choose one of those"));
            Availability a = provider.availability();
            if (!a.available()) {
                throw new BackendUnavailableException("backend '" + key + "' is not available: "
                        + a.reason() + ". Fix: " + a.fix());
            }
            Backend b = provider.create();
            INSTANCES.put(key, b);
            return b;
        }
    }

    /** Makes {@code name} the process-wide backend for new tensors. */
    public static Backend use(String name) {
        Backend b = get(name);
        chosen = b;
        return b;
    }

    /** Makes {@code backend} the process-wide backend for new tensors. */
    public static Backend use(Backend backend) {
        chosen = backend;
        return backend;
    }

    /**
     * Makes {@code backend} the current thread's backend until the returned scope is closed
     * (try-with-resources); scopes nest.
     */
    public static Scope using(Backend backend) {
        Backend previous = THREAD.get();
        THREAD.set(backend);
        return () -> {
            if (previous == null) {
                THREAD.remove();
            } else {
                THREAD.set(previous);
            }
        };
    }

    /** The backend new tensors are created on (see the class comment for the order of choice). */
    public static Backend current() {
        Backend t = THREAD.get();
        if (t != null) {
            return t;
        }
        Backend c = chosen;
        if (c != null) {
            return c;
        }
        synchronized (Backends.class) {
            if (chosen == null) {
                chosen = pickDefault();
            }
            return chosen;
        }
    }

    private static Backend pickDefault() {
        String requested = System.getProperty(PROPERTY);
        if (requested == null || requested.isBlank()) {
            requested = System.getenv(ENV);
        }
        if (requested != null && !requested.isBlank()) {
            return get(requested);
        }
        List<BackendProvider> all = providers();
        if (all.isEmpty()) {
            throw new BackendUnavailableException("no Sinapsis backend on the class path: add the module "
                    + "dev.sinapsis:sinapsis-backend-cpu (or another backend) as a dependency");
        }
        List<String> skipped = new ArrayList<>();
        for (BackendProvider p : all) {
            Availability a = p.availability();
            if (a.available()) {
                if (!skipped.isEmpty()) {
                    // no silent fallback: say once why a preferred backend was passed over
                    LOG.log(System.Logger.Level.WARNING, "using the " + p.name() + " backend: "
                            + String.join("; ", skipped));
                }
                return get(p.name());
            }
            skipped.add(p.name() + " is unavailable (" + a.reason() + "; fix: " + a.fix() + ")");
        }
        StringBuilder why = new StringBuilder("no backend can run here:");
        for (BackendProvider p : all) {
            Availability a = p.availability();
            why.append(' ').append(p.name()).append(": ").append(a.reason()).append(" (fix: ").append(a.fix())
                    .append(");");
        }
        throw new BackendUnavailableException(why.substring(0, why.length() - 1));
    }

    private static List<String> names() {
        return providers().stream().map(BackendProvider::name).toList();
    }

    /** A thread-local backend choice; closing it restores the previous one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
