/**
 * Reverse-mode automatic differentiation: the tape ({@link dev.sinapsis.autograd.Node} entries
 * linked from the tensors they produce and numbered in creation order), grad mode
 * ({@link dev.sinapsis.autograd.Autograd#noGrad()}), anomaly mode
 * ({@link dev.sinapsis.autograd.Autograd#detectAnomaly()}: the first op whose forward or backward
 * made a NaN/Inf throws an {@link dev.sinapsis.autograd.AnomalyException}), the backward walk
 * ({@link dev.sinapsis.autograd.Engine}) and numerical gradient checking
 * ({@link dev.sinapsis.autograd.GradCheck}).
 */
package dev.sinapsis.autograd;
