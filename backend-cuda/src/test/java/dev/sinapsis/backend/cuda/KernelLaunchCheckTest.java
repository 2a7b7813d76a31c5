package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * A launch whose arguments do not match the kernel's declared signature fails with an
 * {@link IllegalArgumentException} naming the kernel and the parameter, before anything reaches
 * the driver; checked here without a GPU (the launch is built on a kernel without a device handle
 * and only {@link KernelLaunch#check()} runs). The GPU suites run the same launches for real.
 */
class KernelLaunchCheckTest {
    private static final String IM2COL = "conv_F32_im2col";
    private static final ConvGeometry G = new ConvGeometry(3, 3, 1, 1, 1, 1, 1, 1);
    private static final ProgramSpec CONV = Kernels.conv(DType.F32);

    private static KernelLaunch launch(String name) {
        return new KernelLaunch(null, new CudaRuntime.CompiledKernel(null, CONV.signature(name), 1024));
    }

    /** im2col's 22 arguments up to (not including) the vertical stride, argument 14 {@code sh}. */
    private static KernelLaunch upToStrideH(DType outType) {
        return launch(IM2COL).buffer(new CUdeviceptr(), outType).i(0).buffer(new CUdeviceptr(), DType.F32).i(0)
                .i(32).i(16).i(4).i(1).i(1).i(2).i(4).i(4)
                .i(G.kernelH()).i(G.kernelW());
    }

    private static KernelLaunch rest(KernelLaunch l) {
        return l.i(G.strideW()).i(G.padH()).i(G.padW()).i(G.dilationH()).i(G.dilationW()).i(G.outH(4)).i(G.outW(4));
    }

    @Test
    void theRightArgumentsPass() {
        assertDoesNotThrow(() -> rest(upToStrideH(DType.F32).i(G.strideH())).check());
    }

    @Test
    void anArgumentOfTheWrongKindNamesTheKernelAndTheParameter() {
        KernelLaunch wrong = rest(upToStrideH(DType.F32).l(G.strideH()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, wrong::check);
        assertEquals("kernel conv_F32_im2col: argument 14 'sh' is int, got long", e.getMessage());
        KernelLaunch real = rest(upToStrideH(DType.F32).d(G.strideH()));
        e = assertThrows(IllegalArgumentException.class, real::check);
        assertEquals("kernel conv_F32_im2col: argument 14 'sh' is int, got double", e.getMessage());
    }

    @Test
    void aBufferOfTheWrongDtypeIsTheWrongKind() {
        KernelLaunch all = rest(upToStrideH(DType.F64).i(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, all::check);
        assertEquals("kernel conv_F32_im2col: argument 0 'out' is global F32 buffer, got global F64 buffer",
                e.getMessage());
    }

    @Test
    void tooFewOrTooManyArgumentsGiveTheCountAndTheSignature() {
        KernelLaunch missing = upToStrideH(DType.F32).i(G.strideH());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, missing::check);
        assertTrue(e.getMessage().startsWith("kernel conv_F32_im2col: takes 22 arguments, got 15; its signature is "
                + "conv_F32_im2col(global F32 buffer out, int o_off, global F32 buffer in, int i_off, int s0,"),
                e.getMessage());
        KernelLaunch extra = rest(upToStrideH(DType.F32).i(G.strideH())).i(7).l(8);
        e = assertThrows(IllegalArgumentException.class, extra::check);
        assertTrue(e.getMessage().contains("takes 22 arguments, got 24"), e.getMessage());
    }

    @Test
    void tooManyDimensionsAreRefusedWhenCollected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> launch(IM2COL).dims(new int[Kernels.MAX_RANK + 1]));
        assertEquals("kernel conv_F32_im2col: argument 0 has 9 dimensions after merging; the CUDA kernels take at "
                + "most 8", e.getMessage());
    }

    @Test
    void gridsBeyondTheDeviceLimitsAreRefusedBeforeTheDriver() {
        KernelLaunch ok = rest(upToStrideH(DType.F32).i(G.strideH()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ok.run(new long[] {1, 70_000, 1}, new int[] {16, 16, 1}));
        assertTrue(e.getMessage().contains("exceeds the device's limits"), e.getMessage());
    }
}
