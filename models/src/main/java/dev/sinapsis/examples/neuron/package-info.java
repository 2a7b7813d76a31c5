/**
 * The Hodgkin–Huxley neuron (chapter 2 and appendix A of the course): the membrane equations, a
 * fixed-step Euler or RK4 integrator, spike detection and the {@code sinapsis run hodgkin-huxley}
 * example.
 */
package dev.sinapsis.examples.neuron;
