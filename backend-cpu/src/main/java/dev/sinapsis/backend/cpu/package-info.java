/**
 * The CPU backend: strided pure-Java kernels on one shared worker team ({@link dev.sinapsis.backend.cpu.Parallel}),
 * packed Vector-API GEMMs ({@code gemm}), and the fused capabilities: convolution (direct, whole-image
 * and image-by-image GEMM paths), softmax, max pooling, the LSTM cell and sequence, Adam, activations
 * and batch normalisation. ND4J (OpenBLAS) takes the GEMMs only with {@code -Dsinapsis.cpu.nd4j=on}.
 */
package dev.sinapsis.backend.cpu;
