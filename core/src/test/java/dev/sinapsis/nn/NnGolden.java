package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Shared checks of the nn contracts: PyTorch golden cases from {@code nn_dense.txt} and grad checks. */
final class NnGolden {
    static final Golden FIXTURE = Golden.load("nn_dense.txt");
    /** Inputs stored as integers (class targets, embedding indices). */
    private static final Set<String> INTEGER_INPUTS = Set.of("t", "idx");

    private NnGolden() {
    }

    /**
     * Runs golden case {@code name}: loads its inputs (floating ones as {@code dtype} leaves
     * requiring grad), computes {@code fn}, compares the output with {@code NAME.out}, backpropagates
     * {@code sum(out * NAME.w)} and compares the gradient of each entry of the map (after
     * {@code fn}, which may replace entries by module parameters) with {@code NAME.g<input>}.
     */
    static void check(String name, DType dtype, Function<Map<String, Tensor>, Tensor> fn, String... inputs) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String k : inputs) {
            Tensor t = FIXTURE.tensor(name + "." + k, DType.F64);
            in.put(k, INTEGER_INPUTS.contains(k) ? t.to(DType.I64) : t.to(dtype).requiresGrad(true));
        }
        Tensor out = fn.apply(in);
        assertClose(name + ".out", FIXTURE.tensor(name + ".out", DType.F64), out, dtype);
        out.mul(FIXTURE.tensor(name + ".w", dtype)).sum().backward();
        for (String k : inputs) {
            String g = name + ".g" + k;
            if (INTEGER_INPUTS.contains(k) || !FIXTURE.names().contains(g)) {
                continue;
            }
            Tensor grad = in.get(k).grad();
            assertNotNull(grad, g + ": no gradient reached '" + k + "'");
            assertClose(g, FIXTURE.tensor(g, DType.F64), grad, dtype);
        }
    }

    /**
     * Elementwise {@code |a - e| <= rtol * |e| + atol}: in F64 {@code rtol = 1e-9, atol = 1e-12};
     * in F32 {@code rtol = 1e-5} with {@code atol = 1e-5} times the largest expected magnitude
     * (F32 keeps ~7 digits of the largest terms a value is computed from).
     */
    static void assertClose(String what, Tensor expected, Tensor actual, DType dtype) {
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double rtol = dtype == DType.F64 ? 1e-9 : 1e-5;
        double atol = dtype == DType.F64 ? 1e-12 : 1e-5 * Math.max(scale, 1e-3);
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertTrue(Double.isNaN(a[i]), what + "[" + i + "]: expected NaN, got " + a[i]);
                continue;
            }
            double err = Math.abs(a[i] - e[i]);
            assertTrue(err <= rtol * Math.abs(e[i]) + atol || a[i] == e[i],
                    what + " (" + dtype + ")[" + i + "]: expected " + e[i] + ", got " + a[i] + " (error " + err + ")");
        }
    }

    /** Asserts that GradCheck in F64 passes with a maximum error below 1e-6. */
    static void gradCheck(String what, Function<Tensor[], Tensor> fn, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(fn, inputs);
        assertTrue(r.checked() > 0, what + ": nothing was checked");
        assertTrue(r.passes(1e-6), what + ": " + r);
    }

    /** True when every element is finite. */
    static boolean allFinite(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
