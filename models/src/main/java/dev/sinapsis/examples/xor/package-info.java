/**
 * XOR with a two-layer network (chapters 4 and 5 of the course): the forward pass by hand and
 * vectorised, backpropagation written out as the chain rule, and the {@code sinapsis run xor}
 * example.
 */
package dev.sinapsis.examples.xor;
