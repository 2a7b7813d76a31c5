package dev.sinapsis.examples;

import java.util.SplittableRandom;

/** Seeded random orders for the examples (data order, update order, corrupted bits). */
public final class Shuffles {
    private Shuffles() {
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates), drawn from {@code rng} only. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
