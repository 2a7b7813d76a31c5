/**
 * Rosenblatt's perceptron and the logic gates (chapter 3 of the course): the perceptron rule on
 * several problems at once with tensor ops, and the {@code sinapsis run perceptron} example.
 */
package dev.sinapsis.examples.perceptron;
