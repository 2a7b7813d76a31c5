package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.LoopBackend.get;
import static dev.sinapsis.conformance.LoopBackend.set;

import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.View;

/**
 * {@link LoopBackend}'s {@link LstmCellOps}: the formulas of the interface's Javadoc element by
 * element in double, with its clamp of the pre-activations and its flush of tiny values, as plainly
 * as they can be written (the reference that validates the capability's contract).
 */
final class LoopLstmCell {
    private LoopLstmCell() {
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** An input element, or 0 when it is below {@link LstmCellOps#tiny}. */
    private static double read(View v, int flat) {
        double x = get(v, flat);
        return Math.abs(x) < LstmCellOps.tiny(v.dtype()) ? 0 : x;
    }

    /** A pre-activation element, clamped. */
    private static double pre(View gates, int flat) {
        double lim = LstmCellOps.clamp(gates.dtype());
        return Math.max(-lim, Math.min(lim, read(gates, flat)));
    }

    /** Writes {@code x}, or 0 when it is below {@link LstmCellOps#tiny}. */
    private static void write(View v, int flat, double x) {
        set(v, flat, Math.abs(x) < LstmCellOps.tiny(v.dtype()) ? 0 : x);
    }

    static void forward(View h, View c, View act, View gates, View cPrev) {
        int rows = cPrev.dim(0);
        int n = cPrev.dim(1);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                int g0 = r * 4 * n + j;
                double i = sigmoid(pre(gates, g0));
                double f = sigmoid(pre(gates, g0 + n));
                double g = Math.tanh(pre(gates, g0 + 2 * n));
                double o = sigmoid(pre(gates, g0 + 3 * n));
                double cNew = f * read(cPrev, r * n + j) + i * g;
                cNew = Math.abs(cNew) < LstmCellOps.tiny(c.dtype()) ? 0 : cNew; // h from c as written
                write(act, g0, i);
                write(act, g0 + n, f);
                write(act, g0 + 2 * n, g);
                write(act, g0 + 3 * n, o);
                write(c, r * n + j, cNew);
                write(h, r * n + j, o * Math.tanh(cNew));
            }
        }
    }

    static void backward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c, View cPrev) {
        int rows = cPrev.dim(0);
        int n = cPrev.dim(1);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                int g0 = r * 4 * n + j;
                double i = read(act, g0);
                double f = read(act, g0 + n);
                double g = read(act, g0 + 2 * n);
                double o = read(act, g0 + 3 * n);
                double tc = Math.tanh(read(c, k));
                double gh = read(gradH, k);
                double dc = read(gradC, k) + gh * o * (1 - tc * tc);
                write(gradGates, g0, dc * g * i * (1 - i));
                write(gradGates, g0 + n, dc * read(cPrev, k) * f * (1 - f));
                write(gradGates, g0 + 2 * n, dc * i * (1 - g * g));
                write(gradGates, g0 + 3 * n, gh * tc * o * (1 - o));
                write(gradCPrev, k, dc * f);
            }
        }
    }
}
