package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.nn.functional.Composites;
import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedMaxPool;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CPU backend's fused max pooling against the composite reference: values, indices, gradients. */
class FusedMaxPoolTest {
    private Backends.Scope scope;

    @BeforeEach
    void cpu() {
        scope = Backends.using(new CpuBackend(Nd4jMode.OFF));
    }

    @AfterEach
    void restore() {
        scope.close();
    }

    private static final ConvGeometry[] GEOMETRIES = {
        ConvGeometry.square(2, 2, 0, 1),
        ConvGeometry.square(3, 2, 1, 1),
        new ConvGeometry(3, 2, 1, 2, 1, 1, 1, 1),
        ConvGeometry.square(2, 1, 1, 2),
        ConvGeometry.square(1, 1, 0, 1),
    };

    private static void compare(Tensor x, ConvGeometry g) {
        Tensor a = x.detach().requiresGrad(true);
        Tensor b = x.detach().requiresGrad(true);
        Tensor[] fused = FusedMaxPool.apply(a, g);
        Pooling.MaxPoolResult ref = Composites.maxPool2d(b, g);
        assertArrayEquals(ref.output().toDoubleArray(), fused[0].toDoubleArray(), 0.0, "values " + g);
        assertArrayEquals(ref.indices().toLongArray(), fused[1].toLongArray(), "indices " + g);
        Tensor w = Tensor.normal(new Generator(9), fused[0].shape(), x.dtype(), 0, 1);
        fused[0].mul(w).sum().backward();
        ref.output().mul(w).sum().backward();
        // overlapping windows add several gradients into one element, in another order than the
        // composite's col2im: equal up to float rounding
        double tolerance = x.dtype() == DType.F32 ? 1e-6 : 1e-12;
        assertArrayEquals(b.grad().toDoubleArray(), a.grad().toDoubleArray(), tolerance, "gradients " + g);
    }

    @Test
    void matchesTheCompositeOnOddShapesStridesPaddingAndDilation() {
        for (DType type : new DType[] {DType.F32, DType.F64}) {
            Tensor x = Tensor.normal(new Generator(3), Shape.of(2, 3, 9, 7), type, 0, 1);
            for (ConvGeometry g : GEOMETRIES) {
                compare(x, g);
                compare(x.transpose(2, 3), g); // strided input
            }
        }
    }

    @Test
    void tiesGoToTheFirstElementAndNaNWins() {
        // a ReLU output: many windows of equal zeros
        Tensor x = Tensor.normal(new Generator(4), Shape.of(1, 2, 8, 8), DType.F32, 0, 1).relu();
        for (ConvGeometry g : GEOMETRIES) {
            compare(x, g);
        }
        float[] v = new float[16];
        v[5] = Float.NaN;
        v[6] = 3f;
        Tensor withNaN = Tensor.of(v, 1, 1, 4, 4);
        Tensor[] fused = FusedMaxPool.apply(withNaN, ConvGeometry.square(2, 2, 0, 1));
        assertTrue(Float.isNaN(fused[0].toFloatArray()[0]), "NaN propagates");
        assertArrayEquals(Composites.maxPool2d(withNaN, ConvGeometry.square(2, 2, 0, 1)).indices().toLongArray(),
                fused[1].toLongArray());
    }

    @Test
    void fusedGradientPassesGradCheck() {
        Tensor x = Tensor.normal(new Generator(5), Shape.of(2, 2, 7, 6), DType.F64, 0, 1);
        for (ConvGeometry g : GEOMETRIES) {
            GradCheck.Result r = GradCheck.check(in -> FusedMaxPool.apply(in[0], g)[0], x);
            assertTrue(r.passes(1e-6), g + ": " + r);
        }
    }
}
