package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.OptimizerOps.AdamStep;
import dev.sinapsis.backend.View;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one-pass Adam update ({@link dev.sinapsis.backend.OptimizerOps}): the elements split across
 * cores, each read and written once. F32 is computed in float, one rounding per operation in the
 * composite's order with the scalars rounded to float as the composite's scalar operands are, so
 * the result is the composite's bit for bit (Java's float arithmetic is IEEE's).
 */
final class CpuOptimizer {
    /** Elementary operations per element, for the parallel split. */
    private static final long COST_PER_ELEMENT = 12;
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;

    private CpuOptimizer() {
    }

    static void adam(View param, View grad, View expAvg, View expAvgSq, View maxExpAvgSq, AdamStep s) {
        int n = param.numel();
        View[] all = maxExpAvgSq == null ? new View[] {grad, expAvg, expAvgSq} : new View[] {grad, expAvg, expAvgSq, maxExpAvgSq};
        for (View v : all) {
            if (v.dtype() != param.dtype() || v.numel() != n) {
                throw new IllegalArgumentException("adamStep: operand " + v.dtype() + " " + v.shape()
                        + " does not match the parameter " + param.dtype() + " " + param.shape());
            }
        }
        for (View v : new View[] {param, grad, expAvg, expAvgSq, maxExpAvgSq}) {
            if (v != null && !v.isContiguous()) {
                throw new IllegalArgumentException("adamStep: every operand must be contiguous");
            }
        }
        Object p = CpuStorage.of(param.storage()).array();
        Object g = CpuStorage.of(grad.storage()).array();
        Object m = CpuStorage.of(expAvg.storage()).array();
        Object v = CpuStorage.of(expAvgSq.storage()).array();
        Object vMax = maxExpAvgSq == null ? null : CpuStorage.of(maxExpAvgSq.storage()).array();
        int po = param.offset();
        int go = grad.offset();
        int mo = expAvg.offset();
        int vo = expAvgSq.offset();
        int xo = maxExpAvgSq == null ? 0 : maxExpAvgSq.offset();
        if (p instanceof float[] pf) {
            Parallel.forRange(n, COST_PER_ELEMENT, (from, to) -> adamF32(pf, po, (float[]) g, go, (float[]) m, mo,
                    (float[]) v, vo, (float[]) vMax, xo, from, to, s));
        } else {
            Parallel.forRange(n, COST_PER_ELEMENT, (from, to) -> adamF64((double[]) p, po, (double[]) g, go,
                    (double[]) m, mo, (double[]) v, vo, (double[]) vMax, xo, from, to, s));
        }
    }

    private static void adamF32(float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                                float[] vMax, int xo, int from, int to, AdamStep s) {
        boolean decoupled = s.decoupled();
        boolean l2 = !decoupled && s.weightDecay() != 0;
        float decay = (float) (1 - s.lr() * s.weightDecay());
        float wd = (float) s.weightDecay();
        float b1 = (float) s.beta1();
        float c1 = (float) (1 - s.beta1());
        float b2 = (float) s.beta2();
        float c2 = (float) (1 - s.beta2());
        float bc2 = (float) s.biasCorrection2Sqrt();
        float eps = (float) s.eps();
        float stepSize = (float) s.stepSize();
        int i = from;
        if (vMax == null) {
            // whole vectors first: the same operations in the same order, each rounded once (IEEE
            // lane arithmetic, correctly rounded sqrt), so the lanes equal the scalar loop's results
            int upper = from + F32.loopBound(to - from);
            for (; i < upper; i += F32.length()) {
                FloatVector pi = FloatVector.fromArray(F32, p, po + i);
                if (decoupled) {
                    pi = pi.mul(decay);
                }
                FloatVector d = FloatVector.fromArray(F32, g, go + i);
                if (l2) {
                    d = d.add(pi.mul(wd));
                }
                FloatVector mi = FloatVector.fromArray(F32, m, mo + i).mul(b1).add(d.mul(c1));
                FloatVector vi = FloatVector.fromArray(F32, v, vo + i).mul(b2).add(d.mul(d).mul(c2));
                mi.intoArray(m, mo + i);
                vi.intoArray(v, vo + i);
                FloatVector denom = vi.sqrt().div(bc2).add(eps);
                pi.sub(mi.div(denom).mul(stepSize)).intoArray(p, po + i);
            }
        }
        for (; i < to; i++) {
            float pi = p[po + i];
            if (decoupled) {
                pi = pi * decay;
            }
            float d = g[go + i];
            if (l2) {
                d = d + pi * wd;
            }
            float mi = m[mo + i] * b1 + d * c1;
            float vi = v[vo + i] * b2 + d * d * c2;
            m[mo + i] = mi;
            v[vo + i] = vi;
            float second = vi;
            if (vMax != null) {
                second = Math.max(vMax[xo + i], vi);
                vMax[xo + i] = second;
            }
            float denom = (float) Math.sqrt(second) / bc2 + eps;
            p[po + i] = pi - mi / denom * stepSize;
        }
    }

    private static void adamF64(double[] p, int po, double[] g, int go, double[] m, int mo, double[] v, int vo,
                                double[] vMax, int xo, int from, int to, AdamStep s) {
        boolean decoupled = s.decoupled();
        boolean l2 = !decoupled && s.weightDecay() != 0;
        double decay = 1 - s.lr() * s.weightDecay();
        double wd = s.weightDecay();
        double b1 = s.beta1();
        double c1 = 1 - s.beta1();
        double b2 = s.beta2();
        double c2 = 1 - s.beta2();
        double bc2 = s.biasCorrection2Sqrt();
        double eps = s.eps();
        double stepSize = s.stepSize();
        for (int i = from; i < to; i++) {
            double pi = p[po + i];
            if (decoupled) {
                pi = pi * decay;
            }
            double d = g[go + i];
            if (l2) {
                d = d + pi * wd;
            }
            double mi = m[mo + i] * b1 + d * c1;
            double vi = v[vo + i] * b2 + d * d * c2;
            m[mo + i] = mi;
            v[vo + i] = vi;
            double second = vi;
            if (vMax != null) {
                second = Math.max(vMax[xo + i], vi);
                vMax[xo + i] = second;
            }
            double denom = Math.sqrt(second) / bc2 + eps;
            p[po + i] = pi - mi / denom * stepSize;
        }
    }
}
