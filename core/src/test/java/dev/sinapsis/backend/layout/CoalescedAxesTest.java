package dev.sinapsis.backend.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoalescedAxesTest {
    private static void assertAxes(CoalescedAxes c, int[] shape, int[]... strides) {
        assertArrayEquals(shape, c.shape(), "shape of " + c);
        assertEquals(strides.length, c.operands());
        for (int o = 0; o < strides.length; o++) {
            assertArrayEquals(strides[o], c.strides(o), "strides of operand " + o + " of " + c);
        }
    }

    @Test
    void sizeOneAxesAreDroppedWhateverTheirStride() {
        CoalescedAxes c = CoalescedAxes.of(new int[] {1, 3, 1, 4}, new int[] {99, 4, 7, 1});
        assertAxes(c, new int[] {12}, new int[] {1});
        assertEquals(12, c.numel());
        assertTrue(c.isContiguous());
    }

    @Test
    void axesConsecutiveInEveryOperandMerge() {
        CoalescedAxes c = CoalescedAxes.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {24, 8, 2});
        assertAxes(c, new int[] {24}, new int[] {1}, new int[] {2});
        assertFalse(c.isContiguous(), "the second operand has stride 2");
        assertEquals(24, c.size(0));
        assertEquals(2, c.stride(1, 0));
    }

    @Test
    void aMergedAxisCarriesTheInnerStrideForTheNextComparison() {
        // rows of 4 in a buffer 24 wide: the two inner axes merge, the outer one does not
        CoalescedAxes c = CoalescedAxes.of(new int[] {2, 3, 4}, new int[] {24, 4, 1});
        assertAxes(c, new int[] {2, 12}, new int[] {24, 1});
        // a reversed (negative-stride) contiguous view is still one axis
        assertAxes(CoalescedAxes.of(new int[] {3, 4}, new int[] {-4, -1}), new int[] {12}, new int[] {-1});
    }

    @Test
    void broadcastAxesMergeWithEachOtherButNotWithRealOnes() {
        // operand 1 broadcasts over both axes: stride 0 continues stride 0
        CoalescedAxes both = CoalescedAxes.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {0, 0});
        assertAxes(both, new int[] {6}, new int[] {1}, new int[] {0});
        // [4, 5, 3] with a broadcast middle axis in one operand and a broadcast first axis in the other
        CoalescedAxes mixed = CoalescedAxes.of(new int[] {4, 5, 3}, new int[] {3, 0, 1}, new int[] {0, 3, 1});
        assertAxes(mixed, new int[] {4, 5, 3}, new int[] {3, 0, 1}, new int[] {0, 3, 1});
        // a bias broadcast over rows: the row axis stays, the column axis is contiguous in both
        CoalescedAxes bias = CoalescedAxes.of(new int[] {8, 16}, new int[] {16, 1}, new int[] {0, 1});
        assertAxes(bias, new int[] {8, 16}, new int[] {16, 1}, new int[] {0, 1});
    }

    @Test
    void permutedAxesAreNotMerged() {
        assertAxes(CoalescedAxes.of(new int[] {3, 5}, new int[] {1, 3}), new int[] {3, 5}, new int[] {1, 3});
        // first two axes of a [3, 2, 4] swapped: the inner pair does not chain either
        assertAxes(CoalescedAxes.of(new int[] {2, 3, 4}, new int[] {4, 8, 1}), new int[] {2, 3, 4},
                new int[] {4, 8, 1});
        // contiguous in one operand, transposed in the other: nothing merges
        CoalescedAxes c = CoalescedAxes.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 1, 3});
        assertAxes(c, new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 1, 3});
        assertFalse(c.isContiguous());
    }

    @Test
    void zeroDimensionalAndAllOnesShapesHaveRankZero() {
        CoalescedAxes scalar = CoalescedAxes.of(new int[0], new int[0], new int[0]);
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.numel());
        assertEquals(2, scalar.operands());
        assertTrue(scalar.isContiguous());
        CoalescedAxes ones = CoalescedAxes.of(new int[] {1, 1, 1}, new int[] {5, 0, 3});
        assertEquals(0, ones.rank());
        assertEquals(1, ones.numel());
    }

    @Test
    void emptyShapesHaveNoElements() {
        CoalescedAxes c = CoalescedAxes.of(new int[] {3, 0}, new int[] {0, 1});
        assertEquals(0, c.numel());
        int product = 1;
        for (int s : c.shape()) {
            product *= s;
        }
        assertEquals(0, product, "an empty axis survives coalescing: " + c);
        assertEquals(0, CoalescedAxes.of(new int[] {0}, new int[] {1}).numel());
    }

    @Test
    void accessorsReturnCopiesAndStridesMustMatchTheShape() {
        CoalescedAxes c = CoalescedAxes.of(new int[] {2, 3}, new int[] {1, 2});
        c.shape()[0] = 100;
        c.strides(0)[0] = 100;
        assertAxes(c, new int[] {2, 3}, new int[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> CoalescedAxes.of(new int[] {2, 3}, new int[] {1}));
    }
}
