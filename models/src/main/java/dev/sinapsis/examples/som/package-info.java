/**
 * Self-organising maps (the course's chapter 9): Kohonen's map trained on colours and on MNIST digits,
 * with its quantisation and topographic errors, and k-means clustering (k-means++ seeding) of MNIST
 * with its purity. Written with tensor ops, so they run on every backend.
 */
package dev.sinapsis.examples.som;
