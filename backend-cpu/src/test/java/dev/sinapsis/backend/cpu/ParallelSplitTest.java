package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Ops the CPU backend splits across threads along an axis other than the obvious one, at sizes
 * large enough to be split: the results must equal a plain serial loop's (exactly, where the split
 * keeps every sum's order).
 */
class ParallelSplitTest {
    @Test
    void scatterAddSplitAlongTheOtherAxisEqualsTheSerialSums() {
        // an embedding's gradient: 4096 rows of 64 features summed into 50 rows, many per row
        int n = 4096;
        int d = 64;
        int v = 50;
        try (Backends.Scope on = Backends.using(new CpuBackend(Nd4jMode.OFF))) {
            Generator gen = new Generator(7);
            Tensor src = Tensor.rand(gen, n, d);
            Tensor rows = Tensor.randint(gen, 0, v, n);
            Tensor index = rows.unsqueeze(1).expand(n, d);
            float[] got = Tensor.zeros(v, d).scatterAdd(0, index, src).toFloatArray();

            float[] s = src.toFloatArray();
            long[] r = rows.toLongArray();
            float[] expected = new float[v * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    expected[(int) r[i] * d + j] += s[i * d + j];
                }
            }
            assertArrayEquals(expected, got, "same sums in the same order: bit-identical");
        }
    }

    @Test
    void aProductWithFewerRowsThanThreadsSplitsItsColumns() {
        // a bias gradient, ones^T G: one row (and three) against 12800 x 300
        try (Backends.Scope on = Backends.using(new CpuBackend(Nd4jMode.OFF))) {
            Generator gen = new Generator(3);
            for (int m : new int[] {1, 3}) {
                Tensor a = Tensor.rand(gen, m, 1280);
                Tensor b = Tensor.rand(gen, 1280, 300);
                float[] got = a.matmul(b).toFloatArray();
                float[] av = a.toFloatArray();
                float[] bv = b.toFloatArray();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < 300; j++) {
                        double sum = 0;
                        float inOrder = 0;
                        for (int p = 0; p < 1280; p++) {
                            sum += (double) av[i * 1280 + p] * bv[p * 300 + j];
                            inOrder += av[i * 1280 + p] * bv[p * 300 + j];
                        }
                        assertEquals(sum, got[i * 300 + j], 1e-3, "m=" + m + " element " + i + "," + j);
                        if (m == 1) {
                            // one row goes the simple path: products and sums rounded one by one, in order
                            assertEquals(inOrder, got[j], "m=1 column " + j + ": the serial sum's bits");
                        }
                    }
                }
            }
        }
    }
}
