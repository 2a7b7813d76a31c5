package dev.sinapsis.examples.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Integrates {@link HodgkinHuxley} from rest under a step current with a fixed-step
 * {@link Integrator}, recording the state every few steps and detecting spikes.
 *
 * <p>The current is {@code 0} before {@code onset} and {@code amplitude} from then on; within a
 * step it is the value at the step's start (so an onset on the step grid is exact for every method).
 *
 * @param model     the membrane
 * @param method    Euler or RK4
 * @param dt        the step (ms)
 * @param onset     when the current switches on (ms)
 * @param amplitude the injected current from {@code onset} on (µA/cm²)
 */
public record Simulation(HodgkinHuxley model, Integrator method, double dt, double onset, double amplitude) {
    /** A spike is an upward crossing of this potential (mV). */
    public static final double SPIKE_THRESHOLD = 0.0;
    /** The potential the simulation starts from, with the gates at their steady state there (mV). */
    public static final double START = -65.0;

    /** Checks the step. */
    public Simulation {
        if (!(dt > 0 && dt <= 0.1)) {
            throw new IllegalArgumentException("the step must be in (0, 0.1] ms, got " + dt);
        }
    }

    /**
     * Simulates {@code duration} ms and keeps every {@code sampleEvery}-th state.
     *
     * @throws IllegalStateException if the integration blew up (a step too large for the method)
     */
    public Trace run(double duration, int sampleEvery) {
        int steps = (int) Math.round(duration / dt);
        int samples = steps / sampleEvery + 1;
        double[] time = new double[samples];
        double[] v = new double[samples];
        double[] m = new double[samples];
        double[] h = new double[samples];
        double[] n = new double[samples];
        double[] y = model.restingState(START);
        double[][] work = Integrator.workspace();
        List<Spike> spikes = new ArrayList<>();
        double spikeTime = Double.NaN;
        double peak = Double.NEGATIVE_INFINITY;
        int s = 0;
        for (int k = 0; ; k++) {
            if (k % sampleEvery == 0 && s < samples) {
                time[s] = k * dt;
                v[s] = y[HodgkinHuxley.V];
                m[s] = y[HodgkinHuxley.M];
                h[s] = y[HodgkinHuxley.H];
                n[s] = y[HodgkinHuxley.N];
                s++;
            }
            if (k == steps) {
                break;
            }
            double t = k * dt;
            double before = y[HodgkinHuxley.V];
            method.step(model, t >= onset - 1e-9 ? amplitude : 0.0, y, dt, work);
            double after = y[HodgkinHuxley.V];
            if (!Double.isFinite(after)) {
                throw new IllegalStateException(method.label() + " diverged at t = " + t + " ms with a step of " + dt
                        + " ms: use a smaller step");
            }
            if (before < SPIKE_THRESHOLD && after >= SPIKE_THRESHOLD) {
                spikeTime = t + dt * (SPIKE_THRESHOLD - before) / (after - before);
                peak = after;
            } else if (!Double.isNaN(spikeTime)) {
                if (after >= SPIKE_THRESHOLD) {
                    peak = Math.max(peak, after);
                } else {
                    spikes.add(new Spike(spikeTime, peak));
                    spikeTime = Double.NaN;
                }
            }
        }
        if (!Double.isNaN(spikeTime)) {
            spikes.add(new Spike(spikeTime, peak));
        }
        return new Trace(time, v, m, h, n, List.copyOf(spikes));
    }

    /**
     * The steady firing rate (Hz) over {@code [transient, duration]} ms: 1000 over the mean
     * interval between the spikes of that window, or 0 with fewer than two spikes there.
     */
    public double firingRate(double duration, double transientMs) {
        List<Spike> late = run(duration, Integer.MAX_VALUE).spikesAfter(transientMs);
        if (late.size() < 2) {
            return 0.0;
        }
        double span = late.get(late.size() - 1).time() - late.get(0).time();
        return 1000.0 * (late.size() - 1) / span;
    }
}
