package dev.sinapsis.examples.neuron;

/**
 * One action potential.
 *
 * @param time the upward crossing of {@link Simulation#SPIKE_THRESHOLD} (ms, interpolated within the step)
 * @param peak the highest membrane potential before it fell back below the threshold (mV)
 */
public record Spike(double time, double peak) {
}
