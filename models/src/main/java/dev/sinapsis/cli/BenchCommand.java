package dev.sinapsis.cli;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sinapsis bench}: times a kernel (gemm, conv2d, softmax, elementwise) or training steps of
 * the zoo models on one backend or every one found on the class path, side by side, with the
 * Python peer (NumPy or PyTorch) when asked. The quick tool; JMH in {@code bench/} is the precise one.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time a kernel or training steps on the backends, side by side: median of --reps calls"
                + " after a warm-up, each call waiting for its result; GFLOP/s (gemm 2mkn, conv2d 2*N*O*Hout*Wout*C*K*K)"
                + " or GB/s (the bytes read and written at the least) and %% of the device's peak where it can be"
                + " known. The quick tool; the JMH benchmarks in bench/ are the precise one.",
                "Sizes: gemm N or MxKxN; conv2d NxCxHxW:OxK[:sS][:pP]; softmax RxC; elementwise N[K|M];"
                        + " train MODEL[:BATCH] (mlp, cnn, lenet, cnn-infer)."},
        footer = {"", "Examples:", "  sinapsis bench gemm --backend all --sizes 256,512,1024",
                "  sinapsis bench conv2d --sizes 128x16x14x14:32x5 --compare torch",
                "  sinapsis bench conv2d --sizes 64x64x14x14:128x4:s2:p1 --backward --compare torch",
                "  sinapsis bench train --sizes mlp,cnn:64 --json",
                "  sinapsis bench conv2d --backend opencl --without ConvolutionOps   (the composite im2col + GEMM)"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OP", description = "gemm, conv2d, softmax, elementwise or train.")
    String opName;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "A backend (see sinapsis devices) or 'all' for every available one (default: the default backend).")
    String backend;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE", description = "Comma-separated sizes (default: a few per op).")
    List<String> sizes;

    @Option(names = "--dtype", paramLabel = "f32|f64", defaultValue = "f32", description = "Element type (default: f32; train: f32 only).")
    String dtype;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "10", description = "Timed calls per size; the median is reported (default: 10).")
    int reps;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Warm-up time per size before timing (default: 2000), at least 3 calls; then on while the"
                    + " calls still get faster by more than 5%%, up to 30 s. 0: exactly 3 calls.")
    int warmupMs;

    @Option(names = "--backward", description = "conv2d: each call also runs the backward (the gradients of input and"
            + " weight, as in training); GFLOP/s then counts three products of the forward's size.")
    boolean backward;

    @Option(names = "--json", description = "One JSON object per line instead of the table.")
    boolean json;

    @Option(names = "--compare", paramLabel = "numpy|torch",
            description = "Also time the same sizes in Python (NumPy or PyTorch), alternating with Sinapsis, and print the ratio.")
    String compare;

    @Option(names = "--without", split = ",", paramLabel = "CAPABILITY",
            description = "Optional capabilities to leave unused, so the composite of primitives runs instead"
                    + " (comma-separated, e.g. ConvolutionOps; 'all' for every one).")
    List<String> without;

    @Override
    public Integer call() {
        BenchOp op = parse(() -> BenchOp.of(opName));
        DType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f32", "float32", "float" -> DType.F32;
            case "f64", "float64", "double" -> DType.F64;
            default -> throw usage("--dtype must be f32 or f64, got '" + dtype + "'");
        };
        if (op == BenchOp.TRAIN && type != DType.F32) {
            throw usage("bench train runs the models in f32 only; drop --dtype f64");
        }
        if (reps <= 0) {
            throw usage("--reps must be a positive integer, got " + reps);
        }
        if (warmupMs < 0) {
            throw usage("--warmup-ms must be >= 0, got " + warmupMs);
        }
        String peerLib = compare == null ? null : switch (compare.toLowerCase(Locale.ROOT)) {
            case "numpy" -> "numpy";
            case "torch", "pytorch" -> "torch";
            default -> throw usage("--compare must be numpy or torch, got '" + compare + "'");
        };
        if ("numpy".equals(peerLib) && (op == BenchOp.CONV2D || op == BenchOp.TRAIN)) {
            throw usage("NumPy has no " + (op == BenchOp.TRAIN ? "training" : "convolution") + ": use --compare torch");
        }
        if (backward && op != BenchOp.CONV2D) {
            throw usage("--backward applies to conv2d only");
        }
        Class<? extends Capability>[] unused = capabilities(without);
        List<BenchSize> cases = new ArrayList<>();
        for (String s : sizes == null || sizes.isEmpty() ? op.defaultSizes() : sizes) {
            BenchSize size = parse(() -> op.parse(s));
            cases.add(backward ? size.withBackward() : size);
        }
        PrintWriter out = spec.commandLine().getOut();
        int width = cases.stream().mapToInt(c -> c.display().length()).max().orElse(4);
        BenchOutput report = new BenchOutput(out, json, op, peerLib, width);
        List<Backend> backends = backends(report);
        PythonPeer peer = null;
        if (peerLib != null) {
            PythonPeer.Start start = PythonPeer.start(peerLib, Parallel.threads());
            peer = start.peer();
            if (peer == null) {
                report.note(null, start.whyNot());
                report = new BenchOutput(out, json, op, null, width);
            }
        }
        try (Capabilities.Disabled off = Capabilities.disable(unused)) {
            return run(op, type, cases, backends, peer, report);
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    private int run(BenchOp op, DType type, List<BenchSize> cases, List<Backend> backends, PythonPeer peer,
                    BenchOutput report) {
        report.header(String.format(Locale.ROOT, "%s %s: median of %d %s after a warm-up of at least %d ms, each waiting for"
                        + " its result", op.label(), op == BenchOp.TRAIN ? "(forward, cross-entropy, backward, Adam;"
                        + " cnn-infer: forward only)" : type.name().toLowerCase(Locale.ROOT)
                        + (backward ? ", forward and backward (gradients of input and weight)" : ""), reps,
                op == BenchOp.TRAIN ? "steps" : "calls", warmupMs));
        CpuPeak host = CpuPeak.detect();
        // before any timing: an ND4J or OpenCL run leaves threads spinning for a while after each call
        // (also for OpenCL: PoCL runs on this CPU, whose measured figure is then its peak)
        Optional<FmaPeak.Result> cpuFma = BenchRow.hasPeak(op)
                && backends.stream().anyMatch(b -> b.name().equals("cpu") || b.name().equals("opencl"))
                ? FmaPeak.measure(type, Parallel.threads()) : Optional.empty();
        Map<String, DevicePeak> peaks = new LinkedHashMap<>(); // of the backends that measured something
        Set<String> peerErrors = new LinkedHashSet<>();
        Map<BenchSize, List<Share>> shares = new LinkedHashMap<>(); // elementwise: GB/s per backend
        int status = 0;
        for (BenchSize size : cases) {
            boolean peerAsked = false;
            double peerMs = Double.NaN;
            for (Backend b : backends) {
                double ms;
                try {
                    ms = time(b, size, type);
                } catch (RuntimeException | LinkageError e) {
                    report.note(b.name(), "failed on " + size.display() + ": " + describe(e));
                    status = Main.EXIT_FAILURE;
                    continue;
                }
                DevicePeak peak = peaks.computeIfAbsent(b.name(), n -> DevicePeak.of(b, type, host, cpuFma));
                if (peer != null && !peerAsked) {
                    // right after Sinapsis's first figure for this size: the two alternate under the same load
                    peerAsked = true;
                    PythonPeer.Answer a = peer.time(size, type, reps, warmupMs / 1000.0);
                    peerMs = a.medianMs();
                    if (a.error() != null && peerErrors.add(a.error())) {
                        report.note(peer.impl(), a.error());
                    }
                }
                report.row(new BenchRow(size, type, b.name(), ms, peak, peerMs), peer == null ? null : peer.impl());
                if (op == BenchOp.ELEMENTWISE) {
                    shares.computeIfAbsent(size, s -> new ArrayList<>())
                            .add(new Share(b.name(), size.bytes(type.byteSize()) / ms / 1e6));
                }
            }
        }
        for (Map.Entry<BenchSize, List<Share>> e : shares.entrySet()) {
            BenchSize size = e.getKey();
            double copyMs = BenchTimer.medianMillis(BenchWorkloads.hostCopy(size, type), reps, warmupMs * 1_000_000L);
            double copyGbps = 2.0 * type.byteSize() * size.dims()[0] / copyMs / 1e6;
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "System.arraycopy of %s elements on one thread (2 x n x element bytes) = %.2f GB/s; add's share of it:",
                    size.label(), copyGbps));
            for (Share s : e.getValue()) {
                text.append(String.format(Locale.ROOT, " %s %.0f%%", s.backend(), 100 * s.gbps() / copyGbps));
            }
            report.legend("host copy", text.toString());
        }
        for (Backend b : backends) {
            if (peaks.containsKey(b.name())) {
                report.legend("device " + b.name(), b.description().replaceAll("\\s*\\R\\s*", "; "));
            }
        }
        if (backends.stream().anyMatch(b -> b.name().equals("cpu"))) {
            report.legend("jvm", jvmLegend());
        }
        if (BenchRow.hasPeak(op)) {
            peaks.forEach((name, p) -> report.legend("peak " + name, p.formula()));
        } else if (op != BenchOp.TRAIN) {
            report.legend("GB/s", op == BenchOp.ELEMENTWISE ? "3 x n x element bytes (two reads, one write) per call"
                    : "2 x rows x cols x element bytes (one read, one write: the least traffic) per call"
                    + "; the memory bandwidth peak is not known, so no % peak column");
        }
        if (peer != null) {
            report.legend("ratio", peer.impl() + " time / Sinapsis time (> 1: Sinapsis is faster); " + peer.setting()
                    + "; the peer runs once per size, after the first backend");
        }
        return status;
    }

    /** A backend's elementwise bandwidth, for its share of the host's plain copy. */
    private record Share(String backend, double gbps) {
    }

    private double time(Backend b, BenchSize size, DType type) {
        try (MemoryScope scope = MemoryScope.open(); Backends.Scope using = Backends.using(b)) {
            Runnable call = BenchWorkloads.prepare(size, type);
            return BenchTimer.medianMillis(call, reps, warmupMs * 1_000_000L);
        }
    }

    /**
     * The JVM the CPU backend's kernels ran on: their speed is its JIT's, and JDK 17's C2 leaves some
     * of the GEMM's vector stores to a slow fallback in some runs (README, "Which JDK").
     */
    static String jvmLegend() {
        String text = System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
        if (Runtime.version().feature() < 25) {
            text += "; the CPU kernels ran faster on JDK 25 than on 17 (README, \"Which JDK\": set JAVA_HOME)";
        }
        return text;
    }

    /** The backends to run: the named one, every available one for 'all', or the default. */
    private List<Backend> backends(BenchOutput report) {
        if (backend == null) {
            return List.of(Backends.current());
        }
        List<BackendProvider> providers = Backends.providers();
        String want = backend.trim().toLowerCase(Locale.ROOT);
        if (!want.equals("all")) {
            if (providers.stream().noneMatch(p -> p.name().equalsIgnoreCase(want))) {
                throw usage("unknown backend '" + backend + "': choose one of " + String.join(", ",
                        providers.stream().map(BackendProvider::name).toList()) + " or all (a backend module on the"
                        + " class path, such as sinapsis-backend-" + want + ", adds its name)");
            }
            return List.of(Backends.get(want));
        }
        List<Backend> all = new ArrayList<>();
        for (BackendProvider p : providers) {
            try {
                Availability a = p.availability();
                if (a.available()) {
                    all.add(Backends.get(p.name()));
                } else {
                    report.note(p.name(), "not available: " + a.reason());
                }
            } catch (RuntimeException | LinkageError e) {
                report.note(p.name(), "not available: " + describe(e));
            }
        }
        if (all.isEmpty()) {
            throw new UserException("no backend can run here (see sinapsis devices)");
        }
        return all;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The capabilities {@code --without} names (simple names of {@link Capabilities#KNOWN}, any case, or 'all'). */
    @SuppressWarnings("unchecked")
    private Class<? extends Capability>[] capabilities(List<String> names) {
        List<Class<? extends Capability>> out = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            String name = n.trim();
            if (name.equalsIgnoreCase("all")) {
                out.addAll(Capabilities.KNOWN);
                continue;
            }
            out.add(Capabilities.KNOWN.stream().filter(c -> c.getSimpleName().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> usage("--without: unknown capability '" + name + "'; known: "
                            + String.join(", ", Capabilities.KNOWN.stream().map(Class::getSimpleName).toList())
                            + " or all")));
        }
        return out.toArray(new Class[0]);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
