package dev.sinapsis.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.kernels.CPreprocessor.FoundKernel;
import dev.sinapsis.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The signatures declared in Java ({@link KernelSpec#signatures()}) are the parameter lists of the
 * C kernels as rendered: for every program a backend uses, with and without fp64, every kernel
 * the preprocessed text declares is declared in Java with the same parameter names and types, in
 * order, by the spec whose {@code KNAME} surrounds it, and no declaration lacks its kernel.
 */
class KernelSignaturesMatchTheCTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyDeclaredSignatureIsTheRenderedParameterList(boolean fp64) {
        int checked = 0;
        for (Kernels.GemmTiles tiles : new Kernels.GemmTiles[] {Kernels.GemmTiles.CPU, Kernels.GemmTiles.GPU}) {
            for (ProgramSpec program : Kernels.all(fp64, tiles, 4)) {
                checked += check(program, fp64);
            }
        }
        assertTrue(checked > 300, "only " + checked + " kernels checked");
    }

    /** Compares one program's declarations with its rendering; returns the number of kernels. */
    private static int check(ProgramSpec program, boolean fp64) {
        Map<String, KernelSignature> declared = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (KernelSpec spec : program.kernels()) {
            for (KernelSignature s : spec.signatures()) {
                assertEquals(null, declared.put(s.name(), s), program.key() + ": " + s.name() + " declared twice");
                owner.put(s.name(), spec.name());
            }
        }
        List<FoundKernel> found = CPreprocessor.kernels(program.render(Target.OPENCL, fp64));
        List<String> names = new ArrayList<>();
        found.forEach(k -> names.add(k.name()));
        assertEquals(new TreeSet<>(declared.keySet()), new TreeSet<>(names),
                program.key() + " (fp64 " + fp64 + "): declared kernels versus kernels in the C");
        assertEquals(names.size(), new TreeSet<>(names).size(), program.key() + ": a kernel name repeats in the C");
        for (FoundKernel k : found) {
            KernelSignature want = declared.get(k.name());
            assertEquals(want.params(), k.params(), program.key() + " (fp64 " + fp64 + "): parameters of "
                    + k.name() + "\n  declared " + want + "\n  in the C " + new KernelSignature(k.name(), k.params()));
            assertEquals(owner.get(k.name()), k.kname(), k.name() + " is declared by the spec that renders it");
        }
        return found.size();
    }

    @Test
    void theParserReadsTypesAndNamesAsTheCSaysThem() {
        String c = Kernels.conv(DType.F32).render(Target.OPENCL, true);
        List<FoundKernel> found = CPreprocessor.kernels(c);
        FoundKernel im2col = found.get(0);
        assertEquals("conv_F32_im2col", im2col.name());
        assertEquals(22, im2col.params().size());
        assertEquals(new KernelParam("out", ParamType.buffer(DType.F32)), im2col.params().get(0));
        assertEquals(new KernelParam("sh", ParamType.INT), im2col.params().get(14));
        FoundKernel random = CPreprocessor.kernels(Kernels.random(false).render(Target.OPENCL, false)).get(0);
        assertEquals(new KernelParam("seed", ParamType.LONG), random.params().get(3), "u64 is passed as a long");
        assertEquals(new KernelParam("a", ParamType.FLOAT), random.params().get(5), "REAL is float without fp64");
    }

    @Test
    void aDeclarationThatDriftsFromTheCIsCaught() {
        ProgramSpec conv = Kernels.conv(DType.F32);
        String drifted = conv.render(Target.OPENCL, true).replace("int kh, int kw, int sh,", "int kh, int kw, long sh,");
        FoundKernel k = CPreprocessor.kernels(drifted).get(0);
        assertNotEquals(conv.signature("conv_F32_im2col").params(), k.params());
        assertEquals(new KernelParam("sh", ParamType.LONG), k.params().get(14));
    }

    @Test
    void programsKnowTheirKernelsSignatures() {
        ProgramSpec reduce = Kernels.reduce(DType.F32, true);
        KernelSignature part = reduce.signature(Kernels.reduceName(dev.sinapsis.backend.ReduceOp.SUM, DType.F32) + "_part");
        assertEquals(new KernelParam("pv", ParamType.buffer(DType.F64)), part.params().get(0),
                "F32 sums accumulate in double on an fp64 device");
        assertEquals("reduce_F32_SUM_combine(global F32 buffer out, int o_off, global F64 buffer pv, "
                + "global I64 buffer pi, int parts)", reduce.signature("reduce_F32_SUM_combine").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reduce.signature("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(Kernels.unary(DType.F32, 1) == Kernels.unary(DType.F32, 1), "programs are built once");
    }
}
