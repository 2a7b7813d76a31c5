package dev.sinapsis.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sinapsis.tensor.DType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Python peer of {@code sinapsis bench --compare numpy|torch}: one {@code python3} process
 * running {@code bench_peer.py} (a resource of this package) for the whole run, asked for one size
 * at a time, so its timings alternate with Sinapsis's under the same machine load.
 *
 * <p>The interpreter is the first of {@code $SINAPSIS_PYTHON} (or {@code -Dsinapsis.python}), else
 * {@code python3} on the PATH then {@code /usr/bin/python3}, that imports the library. It runs
 * with as many threads as the CPU backend, and on an AVX-512 CPU with OpenBLAS's {@code SkylakeX}
 * kernels (unless {@code OPENBLAS_CORETYPE} names another than {@code Haswell}); the script checks
 * that the BLAS computes a product right before any time is taken.
 */
final class PythonPeer implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Process process;
    private final BufferedReader replies;
    private final PrintWriter requests;
    private final String impl;
    private final String setting;

    private PythonPeer(Process process, BufferedReader replies, String impl, String setting) {
        this.process = process;
        this.replies = replies;
        this.requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.impl = impl;
        this.setting = setting;
    }

    /** What a start gave: a running peer, or why there is none. */
    record Start(PythonPeer peer, String whyNot) {
    }

    /** The peer's answer for one size: the median milliseconds, or an error (e.g. numpy has no conv2d). */
    record Answer(double medianMs, String error) {
    }

    /** The library and its version, e.g. {@code numpy-1.24.2}. */
    String impl() {
        return impl;
    }

    /** The interpreter and the BLAS setting it runs with, for the legend. */
    String setting() {
        return setting;
    }

    /** Starts the peer for {@code library} (numpy or torch) with {@code threads} threads. */
    static Start start(String library, int threads) {
        Path script;
        try {
            script = Files.createTempFile("sinapsis-bench-peer", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = PythonPeer.class.getResourceAsStream("bench_peer.py")) {
                if (in == null) {
                    throw new IOException("bench_peer.py is missing from the program's jar");
                }
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            return new Start(null, "the Python peer could not be written: " + e.getMessage());
        }
        List<String> tried = new ArrayList<>();
        for (String python : interpreters()) {
            ProcessBuilder pb = new ProcessBuilder(python, "-u", script.toString(), library, Integer.toString(threads))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            String coretype = environment(pb.environment(), threads);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                tried.add(python + ": not found");
                continue;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Map<String, Object> ready;
            try {
                String line = in.readLine();
                ready = line == null ? Map.of("error", "exited at start") : parse(line);
            } catch (IOException e) {
                ready = Map.of("error", String.valueOf(e.getMessage()));
            }
            if (Boolean.TRUE.equals(ready.get("ready"))) {
                return new Start(new PythonPeer(p, in, String.valueOf(ready.get("impl")),
                        python + (coretype == null ? "" : ", OPENBLAS_CORETYPE=" + coretype) + ", " + threads
                                + " threads" + (pb.environment().containsKey("MALLOC_TRIM_THRESHOLD_")
                                ? ", glibc malloc keeping freed memory (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_)"
                                : "")), null);
            }
            p.destroy();
            tried.add(python + ": " + ready.get("error"));
        }
        return new Start(null, "no Python with " + library + " found (" + String.join("; ", tried) + "); install it"
                + (library.equals("torch") ? " (apt-get install python3-torch)" : " (apt-get install python3-numpy)")
                + " or name the interpreter with SINAPSIS_PYTHON=/path/to/python3");
    }

    private static List<String> interpreters() {
        String chosen = System.getProperty("sinapsis.python", System.getenv("SINAPSIS_PYTHON"));
        if (chosen != null && !chosen.isBlank()) {
            return List.of(chosen);
        }
        return List.of("python3", "/usr/bin/python3");
    }

    /**
     * glibc malloc settings for the peer: keep freed large blocks instead of returning them to the
     * kernel, so PyTorch's fresh tensors do not page-fault on every call (what jemalloc or tcmalloc
     * do; a 128x16x14x14 convolution forward ran 16-23 ms instead of 2 ms without them on a 2-core
     * VM). 32 MB is the largest mmap threshold glibc takes. SINAPSIS_PEER_MALLOC=default leaves them out.
     */
    static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_THRESHOLD_", "33554432",
            "MALLOC_TRIM_THRESHOLD_", "17179869184");

    /** Threads, BLAS kernels and malloc settings for the peer; returns the OPENBLAS_CORETYPE it runs with (null: unset). */
    private static String environment(Map<String, String> env, int threads) {
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            env.put(v, Integer.toString(threads));
        }
        if (!"default".equals(env.get("SINAPSIS_PEER_MALLOC"))) {
            MALLOC.forEach(env::putIfAbsent);
        }
        String coretype = env.get("OPENBLAS_CORETYPE");
        if ((coretype == null || coretype.equalsIgnoreCase("haswell")) && avx512()) {
            coretype = "SkylakeX"; // Haswell kernels halve OpenBLAS on AVX-512 CPUs (Intel and AMD alike)
            env.put("OPENBLAS_CORETYPE", coretype);
        }
        Path openblas = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");
        if (Files.isDirectory(openblas)) {
            String old = env.get("LD_LIBRARY_PATH");
            env.put("LD_LIBRARY_PATH", openblas + (old == null || old.isEmpty() ? "" : ":" + old));
        }
        return coretype;
    }

    private static boolean avx512() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\bavx512f\\b.*");
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Times {@code size} in the peer: warm-up of about {@code warmupSeconds}, then the median of {@code reps} calls. */
    Answer time(BenchSize size, DType dtype, int reps, double warmupSeconds) {
        requests.printf(Locale.ROOT, "%s %s %s %d %.3f%n", size.peerOp(), size.label(),
                dtype.name().toLowerCase(Locale.ROOT), reps, warmupSeconds);
        try {
            String line = replies.readLine();
            if (line == null) {
                return new Answer(Double.NaN, "the Python peer exited");
            }
            Map<String, Object> reply = parse(line);
            Object ms = reply.get("median_ms");
            return ms instanceof Number n ? new Answer(n.doubleValue(), null)
                    : new Answer(Double.NaN, String.valueOf(reply.get("error")));
        } catch (IOException e) {
            return new Answer(Double.NaN, "the Python peer could not be read: " + e.getMessage());
        }
    }

    /** A flat JSON object's fields (strings, numbers, booleans). */
    static Map<String, Object> parse(String line) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + line);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                out.put(name, switch (t) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> p.getText();
                });
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            throw new IOException("not a JSON line from the Python peer: " + line, e);
        }
        return out;
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
