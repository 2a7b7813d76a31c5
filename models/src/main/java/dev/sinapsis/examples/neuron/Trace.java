package dev.sinapsis.examples.neuron;

import java.util.List;

/**
 * A simulated membrane: the sampled state over time and every spike.
 *
 * @param time   sample times (ms)
 * @param v      membrane potential at each sample (mV)
 * @param m      sodium activation at each sample
 * @param h      sodium inactivation at each sample
 * @param n      potassium activation at each sample
 * @param spikes every spike of the whole simulation, in order
 */
public record Trace(double[] time, double[] v, double[] m, double[] h, double[] n, List<Spike> spikes) {
    /** The spikes that start at or after {@code from} (ms). */
    public List<Spike> spikesAfter(double from) {
        return spikes.stream().filter(s -> s.time() >= from).toList();
    }

    /** The lowest and highest potential sampled. */
    public double[] voltageRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[] {lo, hi};
    }
}
