package dev.sinapsis.examples;

import dev.sinapsis.io.Json;
import dev.sinapsis.models.RunFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary an example writes as {@code summary.json}: its name, seed and backend first, then its
 * figures in the order they were put; numbers are rounded to 4 significant decimals where asked.
 */
public final class ExampleSummary {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A summary of {@code example} run with {@code options}; {@code backend} is null for host-only examples. */
    public ExampleSummary(String example, ExampleOptions options, String backend) {
        values.put("example", example);
        values.put("seed", options.seed());
        values.put("backend", backend == null ? "host (no tensors)" : backend);
    }

    /** Adds a value as is. */
    public ExampleSummary put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Adds {@code value} rounded to 4 decimals. */
    public ExampleSummary round(String key, double value) {
        values.put(key, Double.isFinite(value) ? Math.round(value * 1e4) / 1e4 : value);       // JSON null when not finite
        return this;
    }

    /** Adds {@code values} each rounded to 4 decimals. */
    public ExampleSummary rounded(String key, List<Double> list) {
        values.put(key, list.stream().map(v -> Math.round(v * 1e4) / 1e4).toList());
        return this;
    }

    /**
     * Writes {@code summary.json} into {@code options.out()} (with the output directory and the
     * seconds the run took), prints which files were written and then the summary as its last line,
     * and returns the values.
     */
    public Map<String, Object> write(ExampleOptions options, long startNanos, List<String> pictures, PrintStream out)
            throws IOException {
        values.put("seconds", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        values.put("out", options.out().toString());
        String json = Json.write(values);
        RunFiles.writeSummary(options.out(), json);
        out.println("Wrote " + options.out() + "/summary.json" + (pictures.isEmpty() ? "" : ", " + String.join(", ", pictures)));
        out.println(json);
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
