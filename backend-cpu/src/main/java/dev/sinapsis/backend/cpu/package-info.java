/**
 * The CPU backend: strided pure-Java kernels on a shared fork-join pool, a packed Vector-API
 * SGEMM, and ND4J (OpenBLAS) for large GEMMs when its natives load ({@code -Dsinapsis.cpu.nd4j}).
 */
package dev.sinapsis.backend.cpu;
