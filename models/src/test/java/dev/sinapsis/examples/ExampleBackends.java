package dev.sinapsis.examples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.Backends;
import java.util.ArrayList;
import java.util.List;

/**
 * The backends the tensor-shaped examples' tests run on: the CPU backend always, and OpenCL when a
 * driver is present (PoCL in CI). With {@code -Dsinapsis.requireOpenCL=true} (CI) a missing OpenCL
 * fails the tests instead of leaving it out.
 */
public final class ExampleBackends {
    /** System property that makes a missing OpenCL a failure. */
    public static final String REQUIRE_OPENCL = "sinapsis.requireOpenCL";

    private ExampleBackends() {
    }

    /** The names of the backends to test on ({@code @MethodSource}). */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("cpu"));
        BackendProvider opencl = Backends.providers().stream().filter(p -> p.name().equals("opencl")).findFirst()
                .orElse(null);
        Availability a = opencl == null ? null : opencl.availability();
        if (a != null && a.available()) {
            names.add("opencl");
        } else if (Boolean.getBoolean(REQUIRE_OPENCL)) {
            fail("OpenCL unavailable: " + (a == null ? "no provider on the class path" : a.reason() + ". Fix: " + a.fix())
                    + " (-D" + REQUIRE_OPENCL + "=true makes this a failure)");
        }
        return names;
    }

    /** Makes {@code name} the current thread's backend until the scope closes. */
    public static Backends.Scope use(String name) {
        Backend b = Backends.get(name);
        return Backends.using(b);
    }

    /** The backend called {@code name}. */
    public static Backend get(String name) {
        return Backends.get(name);
    }
}
