/**
 * Boltzmann machines (the course's chapter 17): a restricted Boltzmann machine trained by contrastive
 * divergence (CD-k) and by persistent contrastive divergence ("fantasy particles"), with its exact
 * log-likelihood by enumeration for a tiny machine, and on binarised MNIST its reconstruction error,
 * Gibbs samples and filters. Written with tensor ops, so it runs on every backend.
 */
package dev.sinapsis.examples.rbm;
