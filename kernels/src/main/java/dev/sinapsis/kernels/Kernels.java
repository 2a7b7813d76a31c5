package dev.sinapsis.kernels;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every program of the Backend SPI, as {@link ProgramSpec}s, and the names of their kernels. A
 * device backend asks for a program (say {@link #unary(DType, int)}), renders it for its target,
 * compiles it once ({@link ProgramCache}) and launches kernels by the names given here, with
 * the arguments their {@link KernelSignature}s declare. Each program is built once per process
 * and then returned from a cache, so asking for it on every launch is cheap.
 *
 * <p>The operators' scalar meaning follows the CPU backend exactly: Java's NaN rules for
 * max/min, Java's float-to-integer conversion (truncate, saturate, NaN to 0), integers computed in
 * 64 bits and wrapped to the output type.
 */
public final class Kernels {
    /** Most dimensions a strided operand may have after merging (the kernels' {@code dims_t}). */
    public static final int MAX_RANK = 8;
    /** Size of the local arrays of the reduction kernels; the launch's local size is a power of two up to it. */
    public static final int REDUCE_WG_MAX = 256;
    /** Widths the contiguous elementwise kernels ({@link #vecName}) may process per work-item. */
    public static final java.util.Set<Integer> VEC_WIDTHS = java.util.Set.of(1, 2, 4, 8);

    /** Programs built so far, by factory and arguments (specs are immutable). */
    private static final Map<String, ProgramSpec> PROGRAMS = new ConcurrentHashMap<>();

    private Kernels() {
    }

    private static ProgramSpec cached(String key, Supplier<ProgramSpec> build) {
        ProgramSpec p = PROGRAMS.get(key);
        return p != null ? p : PROGRAMS.computeIfAbsent(key, k -> build.get());
    }

    /** The C type of a dtype's elements in kernels ({@code BOOL} is one byte, 0 or 1). */
    public static String ctype(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case I32 -> "int";
            case I64 -> "i64";
            case BOOL -> "u8";
        };
    }

    // ------------------------------------------------------------------ conversions

    /** C expression converting {@code expr} of dtype {@code from} to dtype {@code to} with Java's rules. */
    public static String convert(String expr, DType from, DType to) {
        if (to == DType.BOOL) {
            return "(u8) ((" + expr + ") != 0)";
        }
        if (from == to) {
            return "(" + expr + ")";
        }
        if (to.isFloating()) {
            return "(" + ctype(to) + ") (" + expr + ")";
        }
        String asLong = switch (from) {
            case F32 -> "f2l(" + expr + ")";
            case F64 -> "d2l(" + expr + ")";
            default -> "(i64) (" + expr + ")";
        };
        return "(" + ctype(to) + ") " + asLong;
    }

    // ------------------------------------------------------------------ elementwise

    /** Name of the unary kernel for {@code op} on {@code t}. */
    public static String unaryName(UnaryOp op, DType t) {
        return "unary_" + t + "_" + op;
    }

    /**
     * Name of the contiguous companion of elementwise kernel {@code name} (unary, binary, ternary,
     * copy): every operand contiguous from its offset, {@code VEC} elements per work-item.
     */
    public static String vecName(String name) {
        return name + "_vec";
    }

    /**
     * Every unary op on {@code t} (output dtype {@code t}); the contiguous companions process
     * {@code vec} elements per work-item (one of {@link #VEC_WIDTHS}).
     */
    public static ProgramSpec unary(DType t, int vec) {
        return cached("unary_" + t + "_v" + vec, () -> buildUnary(t, vec));
    }

    private static ProgramSpec buildUnary(DType t, int vec) {
        List<KernelSpec> ks = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (t.isFloating() ? op == UnaryOp.NOT : op.floatOnly()) {
                continue;
            }
            ks.add(elementwise(unaryName(op, t), t, KernelExpressions.unary(op, t), t, vec));
        }
        return new ProgramSpec("unary_" + t + "_v" + checkVec(vec), ks);
    }

    private static int checkVec(int vec) {
        if (!VEC_WIDTHS.contains(vec)) {
            throw new IllegalArgumentException("vector width " + vec + " is not one of " + VEC_WIDTHS);
        }
        return vec;
    }

    /** Name of the binary kernel for {@code op} on inputs of {@code t}. */
    public static String binaryName(BinaryOp op, DType t) {
        return "binary_" + t + "_" + op;
    }

    /** Output dtype of a binary op on inputs of {@code t}. */
    public static DType binaryOut(BinaryOp op, DType t) {
        return op.isComparison() || op.isLogical() ? DType.BOOL : t;
    }

    /** Every binary op on inputs of {@code t}; {@code vec} as for {@link #unary}. */
    public static ProgramSpec binary(DType t, int vec) {
        return cached("binary_" + t + "_v" + vec, () -> buildBinary(t, vec));
    }

    private static ProgramSpec buildBinary(DType t, int vec) {
        List<KernelSpec> ks = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            DType out = binaryOut(op, t);
            String name = binaryName(op, t);
            ks.add(KernelSpec.of("elementwise.c", name).define("NIN", 2).define("TO", ctype(out))
                    .define("TA", ctype(t)).define("TB", ctype(t)).define("EXPR", KernelExpressions.binary(op, t))
                    .define("VEC", vec).signatures(KernelSignatures.elementwise(name, out, t, t)).build());
        }
        return new ProgramSpec("binary_" + t + "_v" + checkVec(vec), ks);
    }

    /** Name of the ternary kernel. */
    public static String ternaryName(TernaryOp op, DType a, DType b) {
        return "ternary_" + op + "_" + a + "_" + b;
    }

    /**
     * WHERE with a condition of {@code a} and values of {@code b}, and (when {@code a == b}) CLAMP
     * of {@code a}; outputs have dtype {@code b}; {@code vec} as for {@link #unary}.
     */
    public static ProgramSpec ternary(DType a, DType b, int vec) {
        return cached("ternary_" + a + "_" + b + "_v" + vec, () -> buildTernary(a, b, vec));
    }

    private static ProgramSpec buildTernary(DType a, DType b, int vec) {
        List<KernelSpec> ks = new ArrayList<>();
        ks.add(ternarySpec(TernaryOp.WHERE, a, b, "(a != 0 ? b : c)", vec));
        if (a == b) {
            String expr = a.isFloating() ? "JMIN(JMAX(a, b), c)" : "IMIN(IMAX(a, b), c)";
            ks.add(ternarySpec(TernaryOp.CLAMP, a, b, expr, vec));
        }
        return new ProgramSpec("ternary_" + a + "_" + b + "_v" + checkVec(vec), ks);
    }

    private static KernelSpec ternarySpec(TernaryOp op, DType a, DType b, String expr, int vec) {
        String name = ternaryName(op, a, b);
        return KernelSpec.of("elementwise.c", name).define("NIN", 3).define("TO", ctype(b)).define("TA", ctype(a))
                .define("TB", ctype(b)).define("TC", ctype(b)).define("EXPR", expr).define("VEC", vec)
                .signatures(KernelSignatures.elementwise(name, b, a, b, b)).build();
    }

    /** Name of the copy kernel converting {@code src} to {@code dst}. */
    public static String copyName(DType src, DType dst) {
        return "copy_" + src + "_" + dst;
    }

    /** Name of the fill kernel for {@code t}. */
    public static String fillName(DType t) {
        return "fill_" + t;
    }

    /**
     * Strided copies from {@code src} to every dtype, with Java's conversions, and the fills;
     * {@code vec} as for {@link #unary}.
     */
    public static ProgramSpec copy(DType src, int vec) {
        return cached("copy_" + src + "_v" + vec, () -> buildCopy(src, vec));
    }

    private static ProgramSpec buildCopy(DType src, int vec) {
        List<KernelSpec> ks = new ArrayList<>();
        for (DType dst : DType.values()) {
            ks.add(elementwise(copyName(src, dst), src, convert("a", src, dst), dst, vec));
        }
        ks.add(KernelSpec.of("fill.c", fillName(src)).define("TO", ctype(src))
                .signatures(KernelSignatures.fill(fillName(src), src)).build());
        return new ProgramSpec("copy_" + src + "_v" + checkVec(vec), ks);
    }

    private static KernelSpec elementwise(String name, DType in, String expr, DType out, int vec) {
        return KernelSpec.of("elementwise.c", name).define("NIN", 1).define("TO", ctype(out))
                .define("TA", ctype(in)).define("EXPR", expr).define("VEC", vec)
                .signatures(KernelSignatures.elementwise(name, out, in)).build();
    }

    // ------------------------------------------------------------------ reductions

    /** Name of the reduction kernel (its two-pass companions add {@code _part} and {@code _combine}). */
    public static String reduceName(ReduceOp op, DType t) {
        return "reduce_" + t + "_" + op;
    }

    /** The dtype reductions of {@code t} accumulate in (the element type of the partial results of {@code _part}). */
    public static DType reduceAccType(DType t, boolean fp64) {
        return t.isFloating() ? (fp64 ? DType.F64 : t) : DType.I64;
    }

    /** The C type reductions of {@code t} accumulate in. */
    public static String reduceAcc(DType t, boolean fp64) {
        return ctype(reduceAccType(t, fp64));
    }

    /** Output dtype of a reduction. */
    public static DType reduceOut(ReduceOp op, DType t) {
        return op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? DType.I64 : t;
    }

    /** Every reduction of {@code t}; {@code fp64} picks double accumulators for F32 sums. */
    public static ProgramSpec reduce(DType t, boolean fp64) {
        return cached("reduce_" + t + "_fp64=" + fp64, () -> buildReduce(t, fp64));
    }

    private static ProgramSpec buildReduce(DType t, boolean fp64) {
        List<KernelSpec> ks = new ArrayList<>();
        String acc = reduceAcc(t, fp64);
        for (ReduceOp op : ReduceOp.values()) {
            DType out = reduceOut(op, t);
            String store = switch (out) {
                case BOOL -> "(u8) ((v) != 0)";
                default -> "(" + ctype(out) + ") (v)";
            };
            ks.add(KernelSpec.of("reduce.c", reduceName(op, t)).define("TI", ctype(t)).define("TO", ctype(out))
                    .define("ACC", acc).define("REDOP", op.ordinal())
                    .define("ISNAN(x)", t.isFloating() ? "isnan(x)" : "0")
                    .define("STORE(v)", store).define("WG_MAX", REDUCE_WG_MAX)
                    .signatures(KernelSignatures.reduce(reduceName(op, t), t, out, reduceAccType(t, fp64))).build());
        }
        return new ProgramSpec("reduce_" + t, ks);
    }

    // ------------------------------------------------------------------ fused softmax

    /** Name of the softmax ({@code log == false}) or log-softmax kernel for {@code t}. */
    public static String softmaxName(DType t, boolean log) {
        return (log ? "log_softmax_" : "softmax_") + t;
    }

    /**
     * Softmax and log-softmax over the last dimension for {@code t} (F32 or F64), one work-group per
     * row with a local size that is a power of two up to {@link #REDUCE_WG_MAX}; {@code fp64} picks
     * double accumulators for F32.
     */
    public static ProgramSpec softmax(DType t, boolean fp64) {
        if (!t.isFloating()) {
            throw new IllegalArgumentException("softmax: needs F32 or F64, got " + t);
        }
        return cached("softmax_" + t + "_fp64=" + fp64, () -> buildSoftmax(t, fp64));
    }

    private static ProgramSpec buildSoftmax(DType t, boolean fp64) {
        List<KernelSpec> ks = new ArrayList<>();
        for (boolean log : new boolean[] {false, true}) {
            ks.add(KernelSpec.of("softmax.c", softmaxName(t, log)).define("T", ctype(t))
                    .define("ACC", reduceAcc(t, fp64)).define("LOG", log ? 1 : 0)
                    .define("WG_MAX", REDUCE_WG_MAX).signatures(KernelSignatures.softmax(softmaxName(t, log), t))
                    .build());
        }
        return new ProgramSpec("softmax_" + t, ks);
    }

    /** Name of the prefix-sum ({@code reverse == false}) or suffix-sum kernel for {@code t}. */
    public static String cumsumName(DType t, boolean reverse) {
        return (reverse ? "cumsum_rev_" : "cumsum_") + t;
    }

    /** Prefix and suffix sums along the last dimension for {@code t} (not BOOL), one work-item per row. */
    public static ProgramSpec scan(DType t, boolean fp64) {
        if (t == DType.BOOL) {
            throw new IllegalArgumentException("cumsum: needs a numeric dtype, got " + t);
        }
        return cached("scan_" + t + "_fp64=" + fp64, () -> {
            List<KernelSpec> ks = new ArrayList<>();
            for (boolean reverse : new boolean[] {false, true}) {
                ks.add(KernelSpec.of("scan.c", cumsumName(t, reverse)).define("T", ctype(t))
                        .define("ACC", reduceAcc(t, fp64)).define("REVERSE", reverse ? 1 : 0)
                        .signatures(KernelSignatures.scan(cumsumName(t, reverse), t)).build());
            }
            return new ProgramSpec("scan_" + t, ks);
        });
    }

    /** Prefix of the fused LSTM cell kernels ({@code _fwd}, {@code _bwd}) for {@code t}. */
    public static String lstmCellName(DType t) {
        return "lstm_cell_" + t;
    }

    /**
     * The fused LSTM cell's forward and backward for {@code t} (F32 or F64), computed in double when
     * {@code fp64} (the device has it), with {@code LstmCellOps}' clamp and flush bounds.
     */
    public static ProgramSpec lstmCell(DType t, boolean fp64) {
        if (!t.isFloating()) {
            throw new IllegalArgumentException("lstmCell: needs F32 or F64, got " + t);
        }
        return cached("lstm_cell_" + t + "_fp64=" + fp64, () -> {
            DType acc = reduceAccType(t, fp64);
            String suffix = acc == DType.F32 ? "f" : "";
            // hexadecimal literals: exact, and the same text on every JDK (Double.toString's decimal
            // digits changed in JDK 19, which would change the CUDA source's hash and its PTX)
            return new ProgramSpec("lstm_cell_" + t, List.of(KernelSpec.of("lstm.c", lstmCellName(t))
                    .define("T", ctype(t)).define("ACC", ctype(acc))
                    .define("CLAMP", Double.toHexString(LstmCellOps.clamp(t)) + suffix)
                    .define("TINY", Double.toHexString(LstmCellOps.tiny(t)) + suffix)
                    .signatures(KernelSignatures.lstmCell(lstmCellName(t), t)).build()));
        });
    }

    /** Prefix of the fused batch normalisation kernels ({@code _fwd}, {@code _bwd}) for {@code t}. */
    public static String batchNormName(DType t) {
        return "batch_norm_" + t;
    }

    /**
     * Batch normalisation in training mode, forward and backward, for {@code t} (F32 or F64): one
     * work-group per channel with a local size that is a power of two up to {@link #REDUCE_WG_MAX};
     * {@code fp64} picks double accumulators for F32.
     */
    public static ProgramSpec batchNorm(DType t, boolean fp64) {
        if (!t.isFloating()) {
            throw new IllegalArgumentException("batchNorm: needs F32 or F64, got " + t);
        }
        return cached("batch_norm_" + t + "_fp64=" + fp64, () -> new ProgramSpec("batch_norm_" + t,
                List.of(KernelSpec.of("batchnorm.c", batchNormName(t)).define("T", ctype(t))
                        .define("ACC", reduceAcc(t, fp64)).define("WG_MAX", REDUCE_WG_MAX)
                        .signatures(KernelSignatures.batchNorm(batchNormName(t), t)).build())));
    }

    // ------------------------------------------------------------------ GEMM, conv, index, random

    /** Tile sizes of the GEMM kernel (all powers of two; {@code tsm/wptm * tsn/wptn} work-items per group). */
    public record GemmTiles(int tsm, int tsn, int tsk, int wptm, int wptn) {
        /** For GPUs: 64x64 tiles, 4x4 per work-item, 256 work-items. */
        public static final GemmTiles GPU = new GemmTiles(64, 64, 16, 4, 4);
        /** For CPU devices: 32x32 tiles, 4x4 per work-item, 64 work-items. */
        public static final GemmTiles CPU = new GemmTiles(32, 32, 32, 4, 4);

        /** Work-items along N (dimension 0 of the launch). */
        public int localN() {
            return tsn / wptn;
        }

        /** Work-items along M (dimension 1 of the launch). */
        public int localM() {
            return tsm / wptm;
        }
    }

    /** Name of the GEMM kernel. */
    public static String gemmName(DType t) {
        return "gemm_" + t;
    }

    /** The tiled GEMM for {@code t} (F32 or F64). */
    public static ProgramSpec gemm(DType t, GemmTiles tiles) {
        return cached("gemm_" + t + "_" + tiles, () -> new ProgramSpec(
                "gemm_" + t + "_" + tiles.tsm() + "x" + tiles.tsn() + "x" + tiles.tsk(),
                List.of(KernelSpec.of("gemm.c", gemmName(t)).define("T", ctype(t)).define("TSM", tiles.tsm())
                        .define("TSN", tiles.tsn()).define("TSK", tiles.tsk()).define("WPTM", tiles.wptm())
                        .define("WPTN", tiles.wptn()).signatures(KernelSignatures.gemm(gemmName(t), t)).build())));
    }

    /** Prefix of the conv kernels ({@code _im2col}, {@code _col2im}). */
    public static String convName(DType t) {
        return "conv_" + t;
    }

    /** im2col and col2im for {@code t}. */
    public static ProgramSpec conv(DType t) {
        return cached("conv_" + t, () -> new ProgramSpec("conv_" + t, List.of(KernelSpec.of("conv.c", convName(t))
                .define("T", ctype(t)).signatures(KernelSignatures.conv(convName(t), t)).build())));
    }

    /** Output channels one work-item of the direct convolution's forward ({@code conv2d.c}) computes. */
    public static final int CONV_OUT_BLOCK = 4;

    /** Prefix of the direct convolution kernels ({@code _fwd}, {@code _dgrad}, {@code _wgrad}, {@code _wsum}). */
    public static String conv2dName(DType t) {
        return "conv2d_" + t;
    }

    /**
     * The direct 2-d convolution for {@code t} (F32 or F64): forward with bias, input gradient and
     * weight gradient (per part, then the parts' sum), each over the whole batch in one launch.
     */
    public static ProgramSpec conv2d(DType t) {
        if (!t.isFloating()) {
            throw new IllegalArgumentException("conv2d: needs F32 or F64, got " + t);
        }
        return cached("conv2d_" + t, () -> new ProgramSpec("conv2d_" + t, List.of(KernelSpec.of("conv2d.c",
                conv2dName(t)).define("T", ctype(t)).define("OB", CONV_OUT_BLOCK)
                .signatures(KernelSignatures.conv2d(conv2dName(t), t)).build())));
    }

    /** Prefix of the index kernels ({@code _gather}, {@code _scatter_add}). */
    public static String indexName(DType t) {
        return "index_" + t;
    }

    /** Gather and scatter-add for {@code t} (scatter-add is atomic: a CAS loop for floats in OpenCL). */
    public static ProgramSpec index(DType t) {
        return cached("index_" + t, () -> buildIndex(t));
    }

    private static ProgramSpec buildIndex(DType t) {
        String add = switch (t) {
            case F32 -> "ATOMIC_ADD_F32(p, v)";
            case F64 -> "ATOMIC_ADD_F64(p, v)";
            case I32 -> "ATOMIC_ADD_I32(p, v)";
            case I64 -> "ATOMIC_ADD_I64(p, v)";
            case BOOL -> "do { if (v) *(p) = 1; } while (0)";
        };
        return new ProgramSpec("index_" + t, List.of(KernelSpec.of("index.c", indexName(t)).define("T", ctype(t))
                .define("ATOMIC_ADD(p, v)", add).signatures(KernelSignatures.index(indexName(t), t)).build()));
    }

    /** Name of the random kernel. */
    public static String randomName(Distribution d, DType t) {
        return "random_" + d + "_" + t;
    }

    /** Every distribution into every dtype; {@code fp64} computes in double as the CPU does. */
    public static ProgramSpec random(boolean fp64) {
        return cached("random_fp64=" + fp64, () -> buildRandom(fp64));
    }

    private static ProgramSpec buildRandom(boolean fp64) {
        DType real = fp64 ? DType.F64 : DType.F32;
        List<KernelSpec> ks = new ArrayList<>();
        for (DType t : DType.values()) {
            for (Distribution d : Distribution.values()) {
                ks.add(KernelSpec.of("philox.c", randomName(d, t)).define("TO", ctype(t)).define("DIST", d.ordinal())
                        .define("REAL", ctype(real)).define("F32_STREAM", t == DType.F32 ? 1 : 0)
                        .define("STORE_D(v)", convert("v", real, t))
                        .define("STORE_L(v)", convert("v", DType.I64, t))
                        .signatures(KernelSignatures.random(randomName(d, t), t, real)).build());
            }
        }
        return new ProgramSpec("random", ks);
    }

    /** Every program (F64 variants included) with elementwise width {@code vec}, for tests that compile them all. */
    public static List<ProgramSpec> all(boolean fp64, GemmTiles tiles, int vec) {
        List<ProgramSpec> all = new ArrayList<>();
        for (DType t : DType.values()) {
            all.add(unary(t, vec));
            all.add(binary(t, vec));
            all.add(copy(t, vec));
            all.add(reduce(t, fp64));
            if (t != DType.BOOL) {
                all.add(scan(t, fp64));
            }
            all.add(index(t));
            all.add(ternary(DType.BOOL, t, vec));
        }
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            all.add(ternary(t, t, vec));
            all.add(softmax(t, fp64));
            all.add(lstmCell(t, fp64));
            all.add(batchNorm(t, fp64));
            all.add(gemm(t, tiles));
            all.add(conv(t));
            all.add(conv2d(t));
        }
        all.add(ternary(DType.I32, DType.I32, vec));
        all.add(ternary(DType.I64, DType.I64, vec));
        all.add(random(fp64));
        return all;
    }
}
