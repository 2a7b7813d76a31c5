package dev.sinapsis.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs inputs against a reader, each in a time box, and judges each outcome: success, or the
 * reader's documented exception with a message naming the file and the problem. Anything else
 * (another exception, an Error, a hang, a file left behind) is a crash: the input is saved under
 * {@code target/fuzz-crashers/NAME/} and {@link #finish} fails the test listing them.
 *
 * <p>The number of generated inputs per reader is {@code -Dsinapsis.fuzz.inputs} (default 1000) and
 * the seed {@code -Dsinapsis.fuzz.seed} (default fixed), so a CI run is reproducible and a longer
 * local run is one property away.
 */
public final class Fuzzer implements AutoCloseable {
    /** Generated inputs per reader. */
    public static final int INPUTS = Integer.getInteger("sinapsis.fuzz.inputs", 1000);
    /** The base seed. */
    public static final long SEED = Long.getLong("sinapsis.fuzz.seed", 0x5EED_F022L);

    /** Reads one input; throws what the reader throws. */
    @FunctionalInterface
    public interface Target {
        void run() throws Exception;
    }

    /** Judges a thrown exception: null when it is the documented one with a good message, else why not. */
    @FunctionalInterface
    public interface Oracle {
        String judge(Throwable thrown);
    }

    private final String name;
    private final Duration timeBox;
    private final Path dir;
    private final Set<String> allowedFiles;
    private final List<String> crashes = new ArrayList<>();
    private final long start = System.nanoTime();
    private ExecutorService worker = newWorker();
    private int inputs;
    private int regression;
    private int rejected;
    private int read;
    private boolean threw;

    /**
     * @param name         the reader's name in reports and the crasher folder
     * @param dir          the working directory the inputs are written into
     * @param allowedFiles names that may remain in {@code dir} after an input (the input itself is removed)
     * @param timeBox      the longest one input may take
     */
    public Fuzzer(String name, Path dir, Set<String> allowedFiles, Duration timeBox) {
        this.name = name;
        this.dir = dir;
        this.allowedFiles = allowedFiles;
        this.timeBox = timeBox;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The regression inputs kept for {@code name}: files under
     * {@code src/test/resources/dev/sinapsis/fuzz/NAME/}, by file name, in name order.
     */
    public static Map<String, byte[]> corpus(String name) {
        Path d = Path.of("src/test/resources/dev/sinapsis/fuzz", name);
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code input} to {@code file} (in the working directory), runs {@code target} and judges it.
     *
     * @param fromCorpus true for a kept regression input (counted apart)
     */
    public void one(byte[] input, Path file, boolean fromCorpus, Target target, Oracle oracle) {
        if (fromCorpus) {
            regression++;
        } else {
            inputs++;
        }
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String problem = run(target, oracle);
        try {
            Files.deleteIfExists(file);
            if (problem == null) {
                problem = leftovers();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count(problem);
        if (problem != null) {
            crash(input, problem);
        }
    }

    /** Runs an input that is not a file (a command line); {@code describe} is saved if it crashes. */
    public void one(String describe, boolean fromCorpus, Target target, Oracle oracle) {
        if (fromCorpus) {
            regression++;
        } else {
            inputs++;
        }
        String problem = run(target, oracle);
        if (problem == null) {
            try {
                problem = leftovers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        count(problem);
        if (problem != null) {
            crash(describe.getBytes(java.nio.charset.StandardCharsets.UTF_8), problem);
        }
    }

    private String run(Target target, Oracle oracle) {
        Future<Throwable> f = worker.submit(() -> {
            try {
                target.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable thrown;
        threw = false;
        try {
            thrown = f.get(timeBox.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is a daemon: leave it
            return "hang: no result within " + timeBox.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            thrown = e.getCause();
        }
        threw = thrown != null;
        if (thrown == null) {
            return null;
        }
        String why = oracle.judge(thrown);
        return why == null ? null : why + ": " + describe(thrown);
    }

    private void count(String problem) {
        if (problem == null && threw) {
            rejected++;
        } else if (problem == null) {
            read++;
        }
    }

    private String leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> extra = s.map(p -> p.getFileName().toString()).filter(n -> !allowedFiles.contains(n))
                    .sorted().toList();
            return extra.isEmpty() ? null : "left files behind: " + extra;
        }
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) {
            b.append("\n    at ").append(st[i]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            b.append("\n  caused by ").append(t.getCause());
        }
        return b.toString();
    }

    private void crash(byte[] input, String problem) {
        int n = crashes.size();
        if (n < 20) {
            try {
                Path d = Files.createDirectories(Path.of("target", "fuzz-crashers", name));
                Files.write(d.resolve("crash-" + n), input);
                Files.writeString(d.resolve("crash-" + n + ".txt"), problem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        crashes.add(problem);
    }

    /** Prints the counts and fails if any input crashed. */
    public void finish() {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "fuzz %-14s %5d generated + %d regression inputs: %d rejected cleanly,"
                        + " %d read, %d crashes (%.1f s)%n", name, inputs, regression, rejected, read,
                crashes.size(), seconds);
        if (!crashes.isEmpty()) {
            fail(name + ": " + crashes.size() + " crashing input(s), saved under target/fuzz-crashers/" + name
                    + " (keep each as a regression input under src/test/resources/dev/sinapsis/fuzz/" + name
                    + " once fixed); first:\n" + String.join("\n\n", crashes.subList(0, Math.min(3, crashes.size()))));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
