package dev.sinapsis.examples.neuron;

/**
 * The Hodgkin–Huxley (1952) model of a patch of squid giant-axon membrane, in the modern
 * convention (membrane potential {@code V} in mV with rest near −65 mV, time in ms, currents in
 * µA/cm², conductances in mS/cm², capacitance in µF/cm²):
 *
 * <pre>
 *   C dV/dt = I − gNa m³h (V − ENa) − gK n⁴ (V − EK) − gL (V − EL)
 *   dx/dt   = αx(V) (1 − x) − βx(V) x          for the gates x = m, h, n
 * </pre>
 *
 * <p>The state is {@code {V, m, h, n}} (see the {@code V}, {@code M}, {@code H}, {@code N}
 * indices). The rate functions are the 1952 fits shifted by −65 mV.
 *
 * @param capacitance membrane capacitance C (µF/cm²)
 * @param gNa         maximal sodium conductance (mS/cm²)
 * @param gK          maximal potassium conductance (mS/cm²)
 * @param gL          leak conductance (mS/cm²)
 * @param eNa         sodium reversal potential (mV)
 * @param eK          potassium reversal potential (mV)
 * @param eL          leak reversal potential (mV)
 */
public record HodgkinHuxley(double capacitance, double gNa, double gK, double gL, double eNa, double eK,
                            double eL) {
    /** The classic squid-axon parameters (EL chosen so that the membrane rests at −65 mV). */
    public static final HodgkinHuxley SQUID = new HodgkinHuxley(1.0, 120.0, 36.0, 0.3, 50.0, -77.0, -54.387);
    /** Index of the membrane potential in a state. */
    public static final int V = 0;
    /** Index of the sodium activation gate m. */
    public static final int M = 1;
    /** Index of the sodium inactivation gate h. */
    public static final int H = 2;
    /** Index of the potassium activation gate n. */
    public static final int N = 3;
    /** Length of a state. */
    public static final int SIZE = 4;

    /** Opening rate of n (1/ms). */
    public static double alphaN(double v) {
        return 0.01 * linoid(v + 55.0, 10.0);
    }

    /** Closing rate of n (1/ms). */
    public static double betaN(double v) {
        return 0.125 * Math.exp(-(v + 65.0) / 80.0);
    }

    /** Opening rate of m (1/ms). */
    public static double alphaM(double v) {
        return 0.1 * linoid(v + 40.0, 10.0);
    }

    /** Closing rate of m (1/ms). */
    public static double betaM(double v) {
        return 4.0 * Math.exp(-(v + 65.0) / 18.0);
    }

    /** Opening rate of h (1/ms). */
    public static double alphaH(double v) {
        return 0.07 * Math.exp(-(v + 65.0) / 20.0);
    }

    /** Closing rate of h (1/ms). */
    public static double betaH(double v) {
        return 1.0 / (1.0 + Math.exp(-(v + 35.0) / 10.0));
    }

    /**
     * {@code x / (1 − exp(−x/k))}, which the 1952 fits use for αn and αm; it is 0/0 at
     * {@code x = 0}, where its limit is {@code k} (written with expm1 so it stays exact nearby).
     */
    private static double linoid(double x, double k) {
        return Math.abs(x) < 1e-9 ? k : x / -Math.expm1(-x / k);
    }

    /** The state at rest: potential {@code v} and every gate at its steady state α/(α+β) there. */
    public double[] restingState(double v) {
        double[] s = new double[SIZE];
        s[V] = v;
        s[M] = alphaM(v) / (alphaM(v) + betaM(v));
        s[H] = alphaH(v) / (alphaH(v) + betaH(v));
        s[N] = alphaN(v) / (alphaN(v) + betaN(v));
        return s;
    }

    /** Writes d{V, m, h, n}/dt at {@code state} under the injected current {@code current} into {@code out}. */
    public void derivatives(double current, double[] state, double[] out) {
        double v = state[V];
        double m = state[M];
        double h = state[H];
        double n = state[N];
        double iNa = gNa * m * m * m * h * (v - eNa);
        double iK = gK * n * n * n * n * (v - eK);
        double iL = gL * (v - eL);
        out[V] = (current - iNa - iK - iL) / capacitance;
        out[M] = alphaM(v) * (1 - m) - betaM(v) * m;
        out[H] = alphaH(v) * (1 - h) - betaH(v) * h;
        out[N] = alphaN(v) * (1 - n) - betaN(v) * n;
    }
}
