package dev.sinapsis.backend.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PoCL compiles kernels with LLVM, and LLVM installs its own handlers for SIGSEGV, SIGBUS, SIGILL,
 * SIGUSR2 and more when it loads (its crash reporter), replacing the JVM's. The JVM raises SIGSEGV
 * on purpose (safepoint polls, implicit null checks), so from then on any safepoint may kill the
 * process with exit code 139 and no {@code hs_err} file (seen in tests and {@code train} runs;
 * {@code -Xcheck:jni} lists the replaced handlers). The JVM's cure is signal chaining: with
 * {@code libjsig.so} preloaded, a library's handler is recorded and called only for signals the JVM
 * does not handle. The {@code sinapsis} launcher and the build's test runs preload it; an
 * application that starts its own JVM must do the same, and this class says so once, in the log,
 * when a PoCL platform is used without it.
 */
final class SignalChaining {
    private static final System.Logger LOG = System.getLogger(SignalChaining.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SignalChaining() {
    }

    /** Logs {@link #warning}'s text once per JVM when there is one for {@code platformName}. */
    static void checkOnce(String platformName) {
        if (WARNED.get()) {
            return;
        }
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException | SecurityException e) {
            return; // not Linux, or not readable: nothing to say
        }
        warning(platformName, maps, System.getProperty("java.home")).ifPresent(w -> {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, w);
            }
        });
    }

    /**
     * The warning for a JVM whose memory map is {@code maps} using the platform {@code platformName}:
     * present for PoCL when {@code libjsig} is not loaded.
     */
    static Optional<String> warning(String platformName, String maps, String javaHome) {
        boolean pocl = platformName.toLowerCase(Locale.ROOT).contains("portable computing language");
        if (!pocl || maps.contains("/libjsig.so")) {
            return Optional.empty();
        }
        return Optional.of("the OpenCL platform " + platformName + " (PoCL) replaces the JVM's signal handlers with"
                + " LLVM's, so this JVM may die with SIGSEGV (exit code 139) at any safepoint; start java with"
                + " LD_PRELOAD=" + javaHome + "/lib/libjsig.so (signal chaining; the sinapsis launcher does this)");
    }
}
