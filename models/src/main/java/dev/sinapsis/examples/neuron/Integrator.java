package dev.sinapsis.examples.neuron;

/** One fixed step of an explicit integrator for {@code dy/dt = f(y)} with a constant injected current. */
public enum Integrator {
    /** Euler's method: {@code y ← y + dt f(y)} (first order; the course's method). */
    EULER("Euler's method") {
        @Override
        void step(HodgkinHuxley model, double current, double[] y, double dt, double[][] work) {
            double[] k = work[0];
            model.derivatives(current, y, k);
            for (int i = 0; i < y.length; i++) {
                y[i] += dt * k[i];
            }
        }
    },
    /** The classical fourth-order Runge–Kutta method (the reference). */
    RK4("RK4") {
        @Override
        void step(HodgkinHuxley model, double current, double[] y, double dt, double[][] work) {
            double[] k1 = work[0];
            double[] k2 = work[1];
            double[] k3 = work[2];
            double[] k4 = work[3];
            double[] tmp = work[4];
            int n = y.length;
            model.derivatives(current, y, k1);
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + 0.5 * dt * k1[i];
            }
            model.derivatives(current, tmp, k2);
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + 0.5 * dt * k2[i];
            }
            model.derivatives(current, tmp, k3);
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + dt * k3[i];
            }
            model.derivatives(current, tmp, k4);
            for (int i = 0; i < n; i++) {
                y[i] += dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
    };

    private final String label;

    Integrator(String label) {
        this.label = label;
    }

    /** Its name in prose ("Euler's method", "RK4"). */
    public String label() {
        return label;
    }

    /** Advances {@code y} in place by one step {@code dt}; {@code work} is scratch (5 arrays of the state's length). */
    abstract void step(HodgkinHuxley model, double current, double[] y, double dt, double[][] work);

    /** Scratch space for {@link #step}. */
    static double[][] workspace() {
        return new double[5][HodgkinHuxley.SIZE];
    }
}
