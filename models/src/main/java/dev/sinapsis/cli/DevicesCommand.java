package dev.sinapsis.cli;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.Backends;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sinapsis devices}: every backend on the class path, whether it can run here, and its devices. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List every backend found on the class path (ServiceLoader), whether it is available here"
                + " and why not, with its devices.")
final class DevicesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendProvider> providers = Backends.providers();
        if (providers.isEmpty()) {
            out.println("No backend on the class path: add dev.sinapsis:sinapsis-backend-cpu.");
            return Main.EXIT_FAILURE;
        }
        String chosen = null;
        for (BackendProvider p : providers) {
            Availability a;
            try {
                a = p.availability();
            } catch (RuntimeException | LinkageError e) {
                a = Availability.no("probing it failed: " + e, "see the backend's documentation");
            }
            out.printf("%-8s priority %-4d %s%n", p.name(), p.priority(), a.available() ? "available" : "NOT available");
            if (a.available()) {
                try {
                    Backend b = Backends.get(p.name());
                    for (String line : b.description().split("\\R")) {
                        out.println("         device: " + line);
                    }
                    if (chosen == null) {
                        chosen = p.name();
                    }
                } catch (RuntimeException | LinkageError e) {
                    out.println("         failed to start: " + e.getMessage());
                }
            } else {
                out.println("         why: " + a.reason());
                out.println("         fix: " + a.fix());
            }
        }
        if (chosen != null) {
            try {
                chosen = Backends.current().name();
            } catch (RuntimeException e) {
                out.println("The requested default backend cannot run: " + e.getMessage());
            }
        }
        out.println(chosen == null ? "No backend can run here." : "Default: " + chosen
                + " (choose with --backend NAME, -Dsinapsis.backend=NAME or SINAPSIS_BACKEND=NAME)");
        return chosen == null ? Main.EXIT_FAILURE : 0;
    }
}
