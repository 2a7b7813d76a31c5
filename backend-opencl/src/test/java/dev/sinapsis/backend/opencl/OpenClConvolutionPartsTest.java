package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the weight gradient splits the batch ({@link OpenClConvolution#parts}); no device needed. */
class OpenClConvolutionPartsTest {
    @Test
    void partsReachTheTargetPerComputeUnitAndStayWithinTheBatch() {
        // 2 units x 256 = 512 work-items wanted
        assertEquals(2, OpenClConvolution.parts(400, 64, 2), "400 weights need 2 parts");
        assertEquals(1, OpenClConvolution.parts(12_800, 64, 2), "enough weights: one part");
        assertEquals(1, OpenClConvolution.parts(512, 64, 2), "exactly the target: one part");
        assertEquals(3, OpenClConvolution.parts(10, 3, 100), "at most one part per image");
        assertEquals(1, OpenClConvolution.parts(10, 1, 100), "one image: one part");
        assertEquals(256, OpenClConvolution.parts(1, 1000, 0), "a device reporting no unit counts as one");
    }
}
