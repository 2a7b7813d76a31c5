package dev.sinapsis.examples.som;

import java.util.Arrays;

/** How well clusters (k-means clusters, or the inputs each map unit wins) agree with digit labels 0-9. */
public final class Clusters {
    private Clusters() {
    }

    /** The commonest label among the inputs each unit wins (-1 for a cluster with no member). */
    public static int[] majorityLabels(long[] units, int[] labels, int k) {
        int[][] counts = new int[k][10];
        for (int i = 0; i < units.length; i++) {
            counts[(int) units[i]][labels[i]]++;
        }
        int[] out = new int[k];
        for (int u = 0; u < k; u++) {
            int best = -1;
            int most = 0;
            for (int c = 0; c < 10; c++) {
                if (counts[u][c] > most) {
                    most = counts[u][c];
                    best = c;
                }
            }
            out[u] = best;
        }
        return out;
    }

    /** Purity: the fraction of inputs whose label is the majority label of their cluster (or unit). */
    public static double purity(long[] clusters, int[] labels, int k) {
        int[][] counts = new int[k][10];
        for (int i = 0; i < clusters.length; i++) {
            counts[(int) clusters[i]][labels[i]]++;
        }
        long agree = 0;
        for (int[] row : counts) {
            agree += Arrays.stream(row).max().orElse(0);
        }
        return agree / (double) clusters.length;
    }
}
