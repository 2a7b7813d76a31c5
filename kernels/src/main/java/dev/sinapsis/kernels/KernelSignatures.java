package dev.sinapsis.kernels;

import dev.sinapsis.tensor.DType;
import java.util.List;

/**
 * The parameter lists of the kernels each text defines, one method per text, declared once here
 * and attached to every {@link KernelSpec} of that text. {@code KernelSignaturesMatchTheCTest}
 * parses the rendered C and checks these against it, so they cannot drift apart.
 */
final class KernelSignatures {
    private static final String[] INPUTS = {"a", "b", "c"};
    private static final String[] GEOMETRY = {"kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw", "oh", "ow"};

    private KernelSignatures() {
    }

    /**
     * {@code elementwise.c}: the strided map {@code name} and its contiguous companion
     * {@code name_vec}, over one to three inputs ({@code a}, {@code b}, {@code c}).
     */
    static List<KernelSignature> elementwise(String name, DType out, DType... inputs) {
        KernelSignature.Builder strided = KernelSignature.of(name).buffer("out", out).ints("o_off").dims("o_st");
        KernelSignature.Builder vec = KernelSignature.of(Kernels.vecName(name)).buffer("out_", out).ints("o_off");
        for (int i = 0; i < inputs.length; i++) {
            String x = INPUTS[i];
            strided.buffer("p" + x, inputs[i]).ints(x + "_off").dims(x + "_st");
            vec.buffer("p" + x + "_", inputs[i]).ints(x + "_off");
        }
        return List.of(strided.dims("shape").ints("rank", "n", "contig").build(), vec.ints("n").build());
    }

    /** {@code fill.c}: sets a strided view of {@code t} to {@code value}. */
    static List<KernelSignature> fill(String name, DType t) {
        return List.of(KernelSignature.of(name).buffer("out", t).ints("o_off").dims("o_st", "shape")
                .ints("rank", "n").scalar("value", t).build());
    }

    /** {@code reduce.c}: the one-pass reduction {@code name}, and {@code name_part} and {@code name_combine}. */
    static List<KernelSignature> reduce(String name, DType in, DType out, DType acc) {
        return List.of(
                KernelSignature.of(name).buffer("out", out).ints("o_off").buffer("in", in).ints("i_off")
                        .dims("oshape", "ost").ints("orank").dims("ishape", "ist").ints("irank", "m").build(),
                KernelSignature.of(name + "_part").buffer("pv", acc).buffer("pi", DType.I64).buffer("in", in)
                        .ints("i_off").dims("oshape", "ost").ints("orank").dims("ishape", "ist")
                        .ints("irank", "m", "parts").build(),
                KernelSignature.of(name + "_combine").buffer("out", out).ints("o_off").buffer("pv", acc)
                        .buffer("pi", DType.I64).ints("parts").build());
    }

    /** {@code softmax.c}: (log-)softmax of rows of {@code t}. */
    static List<KernelSignature> softmax(String name, DType t) {
        return List.of(KernelSignature.of(name).buffer("out", t).ints("o_off").buffer("in", t).ints("i_off")
                .dims("rshape", "rst").ints("rrank", "m", "step").build());
    }

    /** {@code scan.c}: prefix (or suffix) sums of rows of {@code t}. */
    static List<KernelSignature> scan(String name, DType t) {
        return List.of(KernelSignature.of(name).buffer("out", t).ints("o_off").buffer("in", t).ints("i_off")
                .dims("rshape", "rst").ints("rrank", "rows", "m", "step").build());
    }

    /** {@code batchnorm.c}: batch normalisation's {@code name_fwd} and {@code name_bwd}. */
    static List<KernelSignature> batchNorm(String name, DType t) {
        return List.of(
                KernelSignature.of(name + "_fwd").buffer("out", t).ints("o_off").buffer("mean", t).ints("mean_off")
                        .buffer("var", t).ints("var_off").buffer("x", t).ints("x_off").buffer("w", t).ints("w_off")
                        .buffer("b", t).ints("b_off", "has_w", "has_b", "n", "c", "s").scalar("eps", t).build(),
                KernelSignature.of(name + "_bwd").buffer("gx", t).ints("gx_off").buffer("gw", t).ints("gw_off")
                        .buffer("gb", t).ints("gb_off").buffer("dy", t).ints("dy_off").buffer("x", t).ints("x_off")
                        .buffer("w", t).ints("w_off").buffer("mean", t).ints("mean_off").buffer("var", t)
                        .ints("var_off", "has_gx", "has_gw", "has_gb", "has_w", "n", "c", "s").scalar("eps", t)
                        .build());
    }

    /** {@code lstm.c}: the fused LSTM cell's {@code name_fwd} and {@code name_bwd}. */
    static List<KernelSignature> lstmCell(String name, DType t) {
        return List.of(
                KernelSignature.of(name + "_fwd").buffer("h", t).ints("h_off").buffer("c", t).ints("c_off")
                        .buffer("act", t).ints("a_off").buffer("gates", t).ints("g_off", "gs0", "gs1")
                        .buffer("cprev", t).ints("p_off", "ps0", "ps1", "n", "total").build(),
                KernelSignature.of(name + "_bwd").buffer("dgates", t).ints("dg_off").buffer("dcprev", t)
                        .ints("dp_off").buffer("gh", t).ints("gh_off").buffer("gc", t).ints("gc_off")
                        .buffer("act", t).ints("a_off").buffer("c", t).ints("c_off").buffer("cprev", t)
                        .ints("p_off", "ps0", "ps1", "n", "total").build());
    }

    /** {@code gemm.c}: the tiled batched GEMM. */
    static List<KernelSignature> gemm(String name, DType t) {
        return List.of(KernelSignature.of(name).buffer("c", t).ints("c_off").buffer("a", t)
                .ints("a_off", "a_sm", "a_sk").buffer("b", t).ints("b_off", "b_sk", "b_sn", "M", "N", "K", "brank")
                .dims("bshape", "a_bst", "b_bst").build());
    }

    /** {@code conv.c}: {@code name_im2col} and {@code name_col2im}, each ending in the convolution geometry. */
    static List<KernelSignature> conv(String name, DType t) {
        return List.of(
                KernelSignature.of(name + "_im2col").buffer("out", t).ints("o_off").buffer("in", t).ints("i_off")
                        .ints("s0", "s1", "s2", "s3", "N", "C", "H", "W").ints(GEOMETRY).build(),
                KernelSignature.of(name + "_col2im").buffer("out", t).ints("o_off").buffer("cols", t).ints("c_off")
                        .ints("s0", "s1", "s2", "N", "C", "H", "W").ints(GEOMETRY).build());
    }

    /** {@code conv2d.c}: the direct convolution's {@code _fwd}, {@code _dgrad}, {@code _wgrad} and {@code _wsum}. */
    static List<KernelSignature> conv2d(String name, DType t) {
        return List.of(
                KernelSignature.of(name + "_fwd").buffer("out", t).ints("o_off").buffer("x", t)
                        .ints("x_off", "xs0", "xs1", "xs2", "xs3").buffer("w", t).ints("w_off").buffer("bias", t)
                        .ints("b_off", "has_bias", "N", "C", "H", "W", "O").ints(GEOMETRY).build(),
                KernelSignature.of(name + "_dgrad").buffer("gx", t).ints("gx_off").buffer("gy", t).ints("gy_off")
                        .buffer("w", t).ints("w_off", "N", "C", "H", "W", "O").ints(GEOMETRY).build(),
                KernelSignature.of(name + "_wgrad").buffer("gw", t).ints("gw_off", "pstride").buffer("gy", t)
                        .ints("gy_off").buffer("x", t).ints("x_off", "xs0", "xs1", "xs2", "xs3")
                        .ints("N", "C", "H", "W", "O", "per", "parts").ints(GEOMETRY).build(),
                KernelSignature.of(name + "_wsum").buffer("gw", t).ints("gw_off").buffer("part", t)
                        .ints("count", "parts").build());
    }

    /** {@code index.c}: {@code name_gather} and {@code name_scatter_add}. */
    static List<KernelSignature> index(String name, DType t) {
        return List.of(indexKernel(name + "_gather", t, "in", "i"), indexKernel(name + "_scatter_add", t, "src", "s"));
    }

    private static KernelSignature indexKernel(String name, DType t, String data, String d) {
        return KernelSignature.of(name).buffer("out", t).ints("o_off").dims("o_st")
                .buffer(data, t).ints(d + "_off").dims(d + "_st")
                .buffer("index", DType.I64).ints("x_off").dims("x_st")
                .dims("shape").ints("rank", "n", "axis_stride", "size").buffer("err", DType.I64).build();
    }

    /** {@code philox.c}: a random fill of {@code out}; {@code real} is the dtype of the real-valued bounds. */
    static List<KernelSignature> random(String name, DType out, DType real) {
        return List.of(KernelSignature.of(name).buffer("out", out).ints("o_off", "n").longs("seed", "offset")
                .scalar("a", real).scalar("b", real).longs("la", "lb").build());
    }
}
