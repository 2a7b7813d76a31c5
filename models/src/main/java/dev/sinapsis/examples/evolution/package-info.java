/**
 * Training with genetic algorithms (the course's chapter 8): a real-coded {@link
 * dev.sinapsis.examples.evolution.GeneticAlgorithm} (tournament selection, blend crossover, Gaussian
 * mutation, elitism) that finds the optimum of the Rastrigin function, and neuroevolution of a small
 * policy network that balances the classic cart-pole ({@link dev.sinapsis.examples.evolution.CartPole},
 * simulated on the host).
 */
package dev.sinapsis.examples.evolution;
