package dev.sinapsis.kernels;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiled programs keyed by rendered source and device: each is compiled once per device and
 * process (the driver's own cache, e.g. {@code POCL_CACHE_DIR}, then spans processes).
 *
 * @param <P> the runtime's compiled-program handle
 */
public final class ProgramCache<P> {
    private record Key(String source, Object device) {
    }

    private final Map<Key, P> programs = new ConcurrentHashMap<>();

    /** The program for {@code source} on {@code device}, compiled by {@code compile} on first use. */
    public P get(String source, Object device, Function<String, P> compile) {
        Objects.requireNonNull(source, "source");
        return programs.computeIfAbsent(new Key(source, device), k -> compile.apply(k.source()));
    }

    /** Number of compiled programs held. */
    public int size() {
        return programs.size();
    }

    /** Every compiled program (for release at shutdown). */
    public java.util.Collection<P> values() {
        return programs.values();
    }

    /** Forgets every program. */
    public void clear() {
        programs.clear();
    }
}
