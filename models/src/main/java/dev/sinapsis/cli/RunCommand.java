package dev.sinapsis.cli;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.Examples;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis run NAME [options]} and {@code sinapsis run --list}: the course's examples. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one of the course's examples (see --list): it trains or simulates, prints its figures,"
                + " and writes summary.json and its pictures into --out.",
                "Every example runs with no options, on the embedded data (no network needed)."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", arity = "0..1", description = "The example (see --list).")
    String name;

    @Option(names = "--list", description = "List the examples, one line each.")
    boolean list;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: the example's).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of weights, batch order and sampling (default: 42).")
    long seed = 42;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/NAME-TIMESTAMP).")
    Path out;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (see sinapsis devices; default: the best available).")
    String backend;

    @Option(names = "--teacher-forcing", paramLabel = "RATIO",
            description = "conjugation: probability that the decoder reads the true previous character (default: 0.5).")
    Double teacherForcing;

    /** The examples' own options ({@link Example#extraOptions()}), checked against the chosen example. */
    @CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = Streams.out(spec);
        if (list) {
            if (!unmatched.isEmpty()) {
                List<String> extra = new ArrayList<>(unmatched);
                if (name != null) {
                    extra.add(0, name);
                }
                throw new CommandLine.ParameterException(spec.commandLine(), "--list takes no other arguments, got "
                        + String.join(" ", extra));
            }
            if (name != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--list takes no example name");
            }
            int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (Example e : Examples.all()) {
                stdout.printf(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.summary());
            }
            return 0;
        }
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing the example's name: one of " + names() + " (or --list)");
        }
        Example example = Examples.find(name).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown example '" + name + "': choose one of " + names()));
        if (teacherForcing != null && !example.extraOptions().contains("--teacher-forcing")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--teacher-forcing applies to: "
                    + Examples.all().stream()
                    .filter(e -> e.extraOptions().contains("--teacher-forcing")).map(Example::name)
                    .collect(Collectors.joining(", ")));
        }
        Map<String, String> extras = extras(example);
        if (backend != null && !example.usesTensors()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backend does not apply to " + name
                    + ": it computes on the host in plain Java, not with tensors");
        }
        if (backend != null) {
            Backends.use(backend);
        }
        Path dir = out != null ? out : Path.of("runs", name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        example.run(new ExampleOptions(epochs, seed, dir, teacherForcing, extras), stdout);
        return 0;
    }

    /** The unmatched arguments as {@code --name value} or {@code --name=value} pairs the example accepts. */
    private Map<String, String> extras(Example example) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < unmatched.size(); i++) {
            String arg = unmatched.get(i);
            int eq = arg.indexOf('=');
            String option = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!option.startsWith("--")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unexpected argument '" + arg
                        + "': give one example name, then its options");
            }
            if (!example.extraOptions().contains(option)) {
                String users = Examples.all().stream().filter(e -> e.extraOptions().contains(option))
                        .map(Example::name).collect(Collectors.joining(", "));
                throw new CommandLine.ParameterException(spec.commandLine(), users.isEmpty()
                        ? "unknown option '" + option + "'"
                        : option + " applies to: " + users);
            }
            String value;
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < unmatched.size()) {
                value = unmatched.get(++i);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " needs a value");
            }
            if (out.put(option, value) != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " is given twice");
            }
        }
        return out;
    }

    private static String names() {
        return Examples.all().stream().map(Example::name).collect(Collectors.joining(", "));
    }
}
