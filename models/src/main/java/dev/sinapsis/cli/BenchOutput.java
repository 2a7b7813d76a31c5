package dev.sinapsis.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Prints {@code sinapsis bench}'s results as they come: a readable table (a header, one line per
 * backend and size, notes and a legend), or with {@code --json} one JSON object per line.
 */
final class BenchOutput {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintWriter out;
    private final boolean json;
    private final BenchOp op;
    private final String peer;
    private final int sizeWidth;

    /**
     * @param peer      the peer's name (numpy, torch) when {@code --compare} runs one, else null
     * @param sizeWidth the widest size label, for the column
     */
    BenchOutput(PrintWriter out, boolean json, BenchOp op, String peer, int sizeWidth) {
        this.out = out;
        this.json = json;
        this.op = op;
        this.peer = peer;
        this.sizeWidth = Math.max(4, sizeWidth);
    }

    /** The title line and the column heads (nothing in JSON mode). */
    void header(String title) {
        if (json) {
            return;
        }
        out.println(title);
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-8s %-" + sizeWidth + "s %10s %11s",
                "backend", "size", op == BenchOp.TRAIN ? "ms/step" : "median ms", BenchRow.unit(op)));
        if (BenchRow.hasPeak(op)) {
            h.append(String.format(Locale.ROOT, " %7s", "% peak"));
        }
        if (peer != null) {
            h.append(String.format(Locale.ROOT, " %10s %11s %6s", peer + " ms", peer + " " + shortUnit(), "ratio"));
        }
        out.println(h);
        out.flush();
    }

    private String shortUnit() {
        return op == BenchOp.TRAIN ? "/s" : BenchRow.unit(op);
    }

    /** One measured line. */
    void row(BenchRow r, String peerImpl) {
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("op", op.label());
            m.put("backend", r.backend());
            m.put("size", r.size().label());
            if (op == BenchOp.CONV2D) {
                m.put("backward", r.size().backward());
            }
            m.put("dtype", r.dtype().name().toLowerCase(Locale.ROOT));
            m.put("median_ms", r.medianMs());
            m.put(jsonUnit(), r.rate());
            if (BenchRow.hasPeak(op)) {
                m.put("peak_gflops", r.peak().gflops().isPresent() ? r.peak().gflops().getAsDouble() : null);
                m.put("pct_peak", r.percentOfPeak().isPresent() ? r.percentOfPeak().getAsDouble() : null);
            }
            if (peerImpl != null && !Double.isNaN(r.peerMs())) {
                m.put("peer", peerImpl);
                m.put("peer_median_ms", r.peerMs());
                m.put("peer_" + jsonUnit(), r.rate(r.peerMs()));
                m.put("ratio", r.ratio());
            }
            out.println(json(m));
        } else {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-8s %-" + sizeWidth + "s %10s %11s",
                    r.backend(), r.size().display(), ms(r.medianMs()), rate(r.rate())));
            if (BenchRow.hasPeak(op)) {
                s.append(String.format(Locale.ROOT, " %7s", r.percentOfPeak().isPresent()
                        ? String.format(Locale.ROOT, "%.1f%%", r.percentOfPeak().getAsDouble()) : "n/a"));
            }
            if (peer != null) {
                s.append(Double.isNaN(r.peerMs()) ? String.format(Locale.ROOT, " %10s %11s %6s", "-", "-", "-")
                        : String.format(Locale.ROOT, " %10s %11s %6s", ms(r.peerMs()), rate(r.rate(r.peerMs())),
                        String.format(Locale.ROOT, "%.2f", r.ratio())));
            }
            out.println(s);
        }
        out.flush();
    }

    private String jsonUnit() {
        return switch (op) {
            case GEMM, CONV2D -> "gflops";
            case SOFTMAX, ELEMENTWISE -> "gbps";
            case TRAIN -> "samples_per_sec";
        };
    }

    /** A remark (a skipped backend, a missing peer): a line in the table, {@code {"note": ...}} in JSON. */
    void note(String backend, String text) {
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("op", op.label());
            if (backend != null) {
                m.put("backend", backend);
            }
            m.put("note", text);
            out.println(json(m));
        } else {
            out.println((backend == null ? "note: " : backend + ": ") + text);
        }
        out.flush();
    }

    /** A legend line under the table (a peak formula, what the ratio means); in JSON, {@code {"legend": ...}}. */
    void legend(String key, String text) {
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("op", op.label());
            m.put("legend", key);
            m.put("text", text);
            out.println(json(m));
        } else {
            out.println("  " + key + ": " + text);
        }
        out.flush();
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.1f", v) : v >= 1 ? String.format(Locale.ROOT, "%.3f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String rate(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /** One flat JSON object on one line. */
    static String json(Map<String, Object> fields) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    g.writeNullField(e.getKey());
                } else if (v instanceof Double d) {
                    if (Double.isFinite(d)) {
                        g.writeNumberField(e.getKey(), d);
                    } else {
                        g.writeNullField(e.getKey());
                    }
                } else if (v instanceof Number n) {
                    g.writeNumberField(e.getKey(), n.longValue());
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(e.getKey(), b);
                } else {
                    g.writeStringField(e.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
