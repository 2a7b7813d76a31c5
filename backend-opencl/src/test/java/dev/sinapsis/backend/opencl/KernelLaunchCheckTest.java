package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A launch whose arguments do not match the kernel's declared signature fails with an
 * {@link IllegalArgumentException} naming the kernel and the parameter, and nothing is enqueued:
 * the same kernel launched right afterwards with the right arguments computes what the CPU does.
 */
class KernelLaunchCheckTest {
    private static final String IM2COL = "conv_F32_im2col";
    private static final ConvGeometry G = new ConvGeometry(3, 3, 1, 1, 1, 1, 1, 1);

    private OpenClBackend cl;
    private View in;
    private View out;

    @BeforeEach
    void setUp() {
        cl = OpenClTests.backend();
        float[] image = new float[2 * 4 * 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = i * 0.5f - 3;
        }
        in = View.contiguous(cl.upload(DType.F32, image), Shape.of(1, 2, 4, 4));
        out = View.contiguous(cl.allocate(DType.F32, 2 * 9 * 16), Shape.of(1, 2 * 9, 16));
    }

    /** im2col's 22 arguments up to (not including) the vertical stride, argument 14 {@code sh}. */
    private KernelLaunch upToStrideH() {
        return cl.runtime().launch(Kernels.conv(DType.F32), IM2COL)
                .buffer(cl.storage(out)).i(0).buffer(cl.storage(in)).i(0)
                .i(32).i(16).i(4).i(1).i(1).i(2).i(4).i(4)
                .i(G.kernelH()).i(G.kernelW());
    }

    private static KernelLaunch rest(KernelLaunch l) {
        return l.i(G.strideW()).i(G.padH()).i(G.padW()).i(G.dilationH()).i(G.dilationW()).i(G.outH(4)).i(G.outW(4));
    }

    @Test
    void anArgumentOfTheWrongKindNamesTheKernelAndTheParameter() {
        KernelLaunch wrong = rest(upToStrideH().l(G.strideH()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.runPerElement(288));
        assertEquals("kernel conv_F32_im2col: argument 14 'sh' is int, got long", e.getMessage());
        KernelLaunch local = rest(upToStrideH().local(64));
        e = assertThrows(IllegalArgumentException.class, () -> local.runPerElement(288));
        assertEquals("kernel conv_F32_im2col: argument 14 'sh' is int, got local memory", e.getMessage());
        assertLaunchStillWorks();
    }

    @Test
    void aBufferOfTheWrongDtypeIsTheWrongKind() {
        View doubles = View.contiguous(cl.allocate(DType.F64, 2 * 9 * 16), Shape.of(1, 2 * 9, 16));
        KernelLaunch wrong = cl.runtime().launch(Kernels.conv(DType.F32), IM2COL).buffer(cl.storage(doubles));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.runPerElement(288));
        assertTrue(e.getMessage().startsWith("kernel conv_F32_im2col: "), e.getMessage());
        assertTrue(e.getMessage().contains("takes 22 arguments, got 1"), "the count is checked first: " + e.getMessage());
        KernelLaunch all = rest(cl.runtime().launch(Kernels.conv(DType.F32), IM2COL).buffer(cl.storage(doubles)).i(0)
                .buffer(cl.storage(in)).i(0).i(32).i(16).i(4).i(1).i(1).i(2).i(4).i(4).i(3).i(3).i(1));
        e = assertThrows(IllegalArgumentException.class, () -> all.runPerElement(288));
        assertEquals("kernel conv_F32_im2col: argument 0 'out' is global F32 buffer, got global F64 buffer",
                e.getMessage());
        assertLaunchStillWorks();
    }

    @Test
    void tooFewOrTooManyArgumentsGiveTheCountAndTheSignature() {
        KernelLaunch missing = upToStrideH().i(G.strideH()); // stops after argument 14
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> missing.runPerElement(288));
        assertTrue(e.getMessage().startsWith("kernel conv_F32_im2col: takes 22 arguments, got 15; its signature is "
                + "conv_F32_im2col(global F32 buffer out, int o_off, global F32 buffer in, int i_off, int s0,"),
                e.getMessage());
        KernelLaunch extra = rest(upToStrideH().i(G.strideH())).i(7).l(8);
        e = assertThrows(IllegalArgumentException.class, () -> extra.runPerElement(288));
        assertTrue(e.getMessage().contains("takes 22 arguments, got 24"), e.getMessage());
        assertLaunchStillWorks();
    }

    /** The right arguments after the refused launches: the output is the CPU's im2col. */
    private void assertLaunchStillWorks() {
        rest(upToStrideH().i(G.strideH())).runPerElement(288);
        CpuBackend cpu = new CpuBackend(Nd4jMode.OFF);
        View cpuIn = View.contiguous(cpu.upload(DType.F32, cl.download(in)), in.shape());
        View cpuOut = View.contiguous(cpu.allocate(DType.F32, out.numel()), out.shape());
        cpu.im2col(cpuOut, cpuIn, G);
        assertArrayEquals((float[]) cpu.download(cpuOut), (float[]) cl.download(out), 0f);
    }
}
