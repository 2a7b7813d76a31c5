package dev.sinapsis.nn;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras-style table of a module: every sub-module with its type, output shape and parameter
 * count, then the totals (trainable, non-trainable, bytes). Made by {@link Module#summary(int...)}
 * or {@link Module#summary(Tensor)}, which run one forward pass on a sample input in evaluation
 * mode without recording gradients.
 *
 * <p>Output shapes are observed where modules are composed by a {@link Sequential}; a module
 * that calls its children from its own {@code forward} shows its own output shape, and its
 * children show "-" (their inputs are not visible from outside, as in Keras's subclassed models).
 *
 * @param input          shape of the sample input
 * @param output         shape of the root's output
 * @param rows           every sub-module in depth-first order (the root excluded)
 * @param trainable      elements of trainable parameters
 * @param nonTrainable   elements of buffers (running statistics and other saved state)
 * @param bytes          memory of parameters and buffers in bytes
 */
public record ModuleSummary(Shape input, Shape output, List<Row> rows, long trainable, long nonTrainable, long bytes) {

    /**
     * One sub-module.
     *
     * @param name   dotted path from the root (e.g. {@code "net.0"})
     * @param depth  nesting depth, 1 for the root's children
     * @param type   the module's class name
     * @param output its observed output shape, or null when not observable
     * @param params trainable elements in this module and its children
     */
    public record Row(String name, int depth, String type, Shape output, long params) {
    }

    public ModuleSummary {
        rows = List.copyOf(rows);
    }

    /** Total elements in parameters and buffers. */
    public long total() {
        return trainable + nonTrainable;
    }

    static ModuleSummary of(Module root, Tensor sample) {
        Map<Module, Shape> observed = new IdentityHashMap<>();
        Map<Module, Boolean> modes = new IdentityHashMap<>();
        recordModes(root, modes);
        Shape out;
        root.eval();
        try (MemoryScope scope = MemoryScope.open(); var noGrad = Autograd.noGrad();
             var recorder = Recorder.start(observed)) {
            out = root.forward(sample).shape();
        } finally {
            modes.forEach(Module::restoreOwnTraining);
        }
        List<Row> rows = new ArrayList<>();
        collect(root, "", 0, observed, rows);
        long trainable = root.parameterCount();
        long nonTrainable = 0;
        long bytes = 0;
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor t : root.stateDict().values()) {
            if (seen.put(t, Boolean.TRUE) == null) {
                bytes += (long) t.numel() * t.dtype().byteSize();
            }
        }
        for (Tensor t : seen.keySet()) {
            if (!t.requiresGrad()) {
                nonTrainable += t.numel();
            }
        }
        return new ModuleSummary(sample.shape(), out, rows, trainable, nonTrainable, bytes);
    }

    private static void recordModes(Module m, Map<Module, Boolean> modes) {
        modes.put(m, m.isTraining());
        m.children().values().forEach(c -> recordModes(c, modes));
    }

    private static void collect(Module m, String prefix, int depth, Map<Module, Shape> observed, List<Row> rows) {
        for (Map.Entry<String, Module> e : m.children().entrySet()) {
            Module c = e.getValue();
            String name = prefix + e.getKey();
            rows.add(new Row(name, depth + 1, c.getClass().getSimpleName(), observed.get(c), c.parameterCount()));
            collect(c, name + ".", depth + 1, observed, rows);
        }
    }

    /** The table, Keras style. */
    @Override
    public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"Layer (type)", "Output shape", "Param #"});
        for (Row r : rows) {
            cells.add(new String[] {"  ".repeat(r.depth() - 1) + r.name() + " (" + r.type() + ")",
                    r.output() == null ? "-" : r.output().toString(), String.format(Locale.ROOT, "%,d", r.params())});
        }
        int[] width = new int[3];
        for (String[] c : cells) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        String rule = "-".repeat(width[0] + width[1] + width[2] + 6);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Input %s -> output %s%n", input, output)).append(rule).append('\n');
        for (int k = 0; k < cells.size(); k++) {
            String[] c = cells.get(k);
            sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s   %-" + width[1] + "s   %" + width[2] + "s%n",
                    c[0], c[1], c[2]));
            if (k == 0) {
                sb.append(rule).append('\n');
            }
        }
        sb.append(rule).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d (%s)%n", total(), humanBytes(bytes)));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainable));
        return sb.toString();
    }

    private static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", b / (1024.0 * 1024.0));
    }

    /** Collects the output shapes {@link Sequential} reports while a summary's forward pass runs. */
    static final class Recorder implements AutoCloseable {
        private static final ThreadLocal<Map<Module, Shape>> ACTIVE = new ThreadLocal<>();
        private final Map<Module, Shape> previous;

        private Recorder(Map<Module, Shape> target) {
            previous = ACTIVE.get();
            ACTIVE.set(target);
        }

        static Recorder start(Map<Module, Shape> target) {
            return new Recorder(target);
        }

        /** Called by containers after each child's forward; a no-op outside a summary. */
        static void observe(Module m, Tensor output) {
            Map<Module, Shape> target = ACTIVE.get();
            if (target != null) {
                target.put(m, output.shape());
            }
        }

        @Override
        public void close() {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        }
    }
}
