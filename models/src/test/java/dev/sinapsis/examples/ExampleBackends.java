package dev.sinapsis.examples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.Backends;
import java.util.ArrayList;
import java.util.List;

/**
 * The backends the examples' tensor tests run on ({@code @MethodSource}): the CPU backend and,
 * where a driver is, OpenCL (the test class path also holds deliberately broken test backends,
 * which are left out). A missing OpenCL is skipped, unless
 * {@code -Dsinapsis.requireOpenCL=true} (CI) makes it a failure.
 */
public final class ExampleBackends {
    /** System property that makes a missing OpenCL a test failure. */
    public static final String REQUIRE = "sinapsis.requireOpenCL";
    private static final List<String> REAL = List.of("cpu", "opencl");

    private ExampleBackends() {
    }

    /** The names of the backends to test on. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String name : REAL) {
            BackendProvider p = Backends.providers().stream().filter(q -> q.name().equals(name)).findFirst()
                    .orElse(null);
            if (p != null && p.availability().available()) {
                out.add(name);
            } else if (Boolean.getBoolean(REQUIRE) || name.equals("cpu")) {
                fail(name + " unavailable: " + (p == null ? "not on the class path" : p.availability().reason()));
            }
        }
        return out;
    }

    /** The backend called {@code name}. */
    public static Backend get(String name) {
        return Backends.get(name);
    }
}
