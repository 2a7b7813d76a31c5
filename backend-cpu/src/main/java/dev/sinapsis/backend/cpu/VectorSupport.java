package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.BackendUnavailableException;

/**
 * Whether this JVM has the Vector API ({@code jdk.incubator.vector}) that the CPU kernels are
 * written with. On JDK 17 it is an incubator module that the JVM loads only when started with
 * {@value #FLAG}; without it the backend reports itself unavailable with that flag, instead of
 * failing later with a {@link NoClassDefFoundError} from inside a kernel.
 */
public final class VectorSupport {
    /** The java command-line option that loads the module. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    private static final boolean PRESENT = probe();

    private VectorSupport() {
    }

    private static boolean probe() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, VectorSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when the Vector API classes can be loaded. */
    public static boolean present() {
        return PRESENT;
    }

    /** The CPU backend's availability: yes, or no with the flag to add. */
    static Availability availability() {
        if (PRESENT) {
            return Availability.yes();
        }
        return Availability.no("the JVM was started without " + FLAG + " (the Vector API the CPU kernels use)",
                "add " + FLAG + " to the java command line, to JDK_JAVA_OPTIONS, or to Maven Surefire's argLine");
    }

    /** Throws unless the Vector API is present. */
    static void require() {
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("backend 'cpu' is not available: " + a.reason() + ". Fix: " + a.fix());
        }
    }
}
