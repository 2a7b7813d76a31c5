package dev.sinapsis.kernels;

import java.util.List;

/**
 * A program: several kernel specialisations rendered into one compilation unit, so a device
 * compiles a whole family (say every F32 unary op) at once. The rendering is the target's
 * prelude, the shared helpers ({@code common.c}), then each kernel text between its own
 * {@code #define}s and {@code #undef}s.
 *
 * @param key     a short unique name, e.g. {@code "unary_F32"}
 * @param kernels the specialisations, in order
 */
public record ProgramSpec(String key, List<KernelSpec> kernels) {
    public ProgramSpec {
        kernels = List.copyOf(kernels);
    }

    /**
     * The program's source for {@code target}.
     *
     * @param fp64 whether the device has double precision ({@code HAS_FP64}); kernels that need it
     *             then use double accumulators and exact Java-compatible conversions
     */
    public String render(Target target, boolean fp64) {
        StringBuilder s = new StringBuilder(16_384);
        s.append("/* Sinapsis program ").append(key).append(" (").append(target).append(") */\n");
        s.append("#define HAS_FP64 ").append(fp64 ? 1 : 0).append('\n');
        s.append(KernelSource.text(target.prelude())).append('\n');
        s.append(KernelSource.text("common.c")).append('\n');
        for (KernelSpec k : kernels) {
            s.append("/* ---- ").append(k.name()).append(" ---- */\n");
            s.append("#define KNAME ").append(k.name()).append('\n');
            k.defines().forEach((name, value) -> s.append("#define ").append(name).append(' ').append(value).append('\n'));
            s.append("#line 1 \"").append(k.source()).append("\"\n");
            s.append(KernelSource.text(k.source())).append('\n');
            s.append("#undef KNAME\n");
            k.defines().keySet().forEach(name -> s.append("#undef ").append(macroName(name)).append('\n'));
        }
        return s.toString();
    }

    /**
     * The declared signature of kernel {@code kernelName} of this program.
     *
     * @throws IllegalArgumentException when no kernel of the program has that name
     */
    public KernelSignature signature(String kernelName) {
        for (KernelSpec k : kernels) {
            for (KernelSignature s : k.signatures()) {
                if (s.name().equals(kernelName)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("program " + key + " has no kernel " + kernelName);
    }

    /** {@code "ISNAN(x)"} to {@code "ISNAN"}. */
    private static String macroName(String define) {
        int paren = define.indexOf('(');
        return paren < 0 ? define : define.substring(0, paren);
    }

    /** One program holding every kernel of {@code programs} (names must be distinct). */
    public static ProgramSpec merge(String key, List<ProgramSpec> programs) {
        List<KernelSpec> all = new java.util.ArrayList<>();
        programs.forEach(p -> all.addAll(p.kernels()));
        return new ProgramSpec(key, all);
    }
}
