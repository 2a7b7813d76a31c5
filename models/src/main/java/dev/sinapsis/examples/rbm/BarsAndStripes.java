package dev.sinapsis.examples.rbm;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bars-and-stripes patterns (MacKay 2003): on a {@code side x side} grid, every pattern whose rows
 * are each all on or all off, or whose columns are; {@code 2^(side+1) - 2} distinct patterns (the
 * empty and the full grid are both). A classic tiny data set for Boltzmann machines, small enough
 * that the exact likelihood can be computed.
 */
public final class BarsAndStripes {
    private BarsAndStripes() {
    }

    /** The distinct patterns, row-major, {@code side * side} values of 0 or 1 each. */
    public static float[][] patterns(int side) {
        if (side < 1 || side > 8) {
            throw new IllegalArgumentException("bars and stripes: side must be in [1, 8], got " + side);
        }
        Set<String> seen = new LinkedHashSet<>();
        java.util.List<float[]> out = new java.util.ArrayList<>();
        for (int vertical = 0; vertical < 2; vertical++) {
            for (int mask = 0; mask < 1 << side; mask++) {
                float[] p = new float[side * side];
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        int line = vertical == 0 ? r : c;
                        p[r * side + c] = (mask >> line) & 1;
                    }
                }
                if (seen.add(java.util.Arrays.toString(p))) {
                    out.add(p);
                }
            }
        }
        return out.toArray(float[][]::new);
    }

    /** The patterns as one row-major array {@code [count, side * side]}. */
    public static float[] flat(int side) {
        float[][] p = patterns(side);
        float[] out = new float[p.length * side * side];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(p[i], 0, out, i * side * side, side * side);
        }
        return out;
    }
}
