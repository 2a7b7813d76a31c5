/**
 * Weight initialisers (Xavier/Glorot, Kaiming/He, orthogonal, constants) with PyTorch's fan and
 * gain conventions, drawn from explicit seeded generators.
 */
package dev.sinapsis.nn.init;
