/**
 * The ND4J (OpenBLAS) fast path of the CPU backend: large GEMMs go to native code when this module
 * and its host-platform natives are on the class path ({@code -Dsinapsis.cpu.nd4j=auto|on|off}).
 * Found by {@link java.util.ServiceLoader} as a {@link dev.sinapsis.backend.cpu.gemm.NativeGemm}.
 */
package dev.sinapsis.backend.cpu.nd4j;
