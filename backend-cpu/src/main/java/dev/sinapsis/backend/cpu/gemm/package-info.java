/**
 * Matrix multiply for the CPU backend: a BLIS-style packed SGEMM on the Vector API, a simple
 * loop for F64 and tiny products, and the optional ND4J path, chosen per product by
 * {@link dev.sinapsis.backend.cpu.gemm.MatmulEngine}.
 */
package dev.sinapsis.backend.cpu.gemm;
