/**
 * Hopfield networks (the course's chapter 16): Hebbian storage, asynchronous updates that never
 * raise the energy, recall of stored patterns from corrupted ones, and the capacity experiment whose
 * recall collapses near 0.14 patterns per neuron. Written with tensor ops, batched over independent
 * networks and probes, so it runs on every backend.
 */
package dev.sinapsis.examples.hopfield;
