package dev.sinapsis.examples.som;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means clustering of the rows of a data tensor {@code [N, D]}: k-means++ seeding (Arthur and
 * Vassilvitskii 2007: each next centre drawn with probability proportional to the squared distance
 * to the nearest centre so far), then Lloyd's iterations (assign every point to its nearest centre,
 * move every centre to the mean of its points) until no assignment changes. Distances, assignments
 * and means are tensor ops; only the seeding's draws are made on the host, from a seeded generator.
 * Lloyd's iterations never increase the inertia (the sum of squared distances to the assigned centres).
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * The outcome of a clustering.
     *
     * @param centres    the centres {@code [k, D]} (host copy, row-major)
     * @param assignment the cluster of every row
     * @param inertia    the inertia after seeding, then after each iteration
     * @param iterations Lloyd's iterations run
     * @param converged  whether the last iteration changed no assignment
     */
    public record Result(float[] centres, long[] assignment, List<Double> inertia, int iterations, boolean converged) {
    }

    /** Squared distances from every row of {@code x} ({@code [N, D]}) to every centre ({@code [k, D]}): {@code [N, k]}. */
    public static Tensor squaredDistances(Tensor x, Tensor centres) {
        Tensor xx = x.square().sum(new int[] {1}, true);
        Tensor cc = centres.square().sum(1).unsqueeze(0);
        return xx.add(cc).sub(x.matmul(centres.t()).mul(2)).clamp(0, Double.MAX_VALUE);
    }

    /** k-means++ seeding: {@code k} rows of {@code x} as the first centres ({@code [k, D]}). */
    public static Tensor seed(Tensor x, int k, SplittableRandom rng) {
        int n = x.dim(0);
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means: k must be in [1, " + n + "], got " + k);
        }
        List<Tensor> centres = new ArrayList<>();
        centres.add(x.narrow(0, rng.nextInt(n), 1));
        Tensor nearest = squaredDistances(x, centres.get(0)).squeeze(1);                         // [N]
        for (int c = 1; c < k; c++) {
            double[] d2 = nearest.to(DType.F64).toDoubleArray();
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            double u = rng.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                u -= d2[i];
                if (u < 0) {
                    pick = i;
                    break;
                }
            }
            Tensor centre = x.narrow(0, pick, 1);
            centres.add(centre);
            nearest = nearest.minimum(squaredDistances(x, centre).squeeze(1));
        }
        return Tensor.concat(0, centres);
    }

    /** Seeds with k-means++ and runs Lloyd's iterations until nothing changes or {@code maxIterations} pass. */
    public static Result fit(Tensor x, int k, int maxIterations, SplittableRandom rng) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor centres = seed(x, k, rng);
            List<Double> inertia = new ArrayList<>();
            Tensor d = squaredDistances(x, centres);
            Tensor assignment = d.argmin(1, false);
            inertia.add(d.min(1).sum().item());
            int iterations = 0;
            boolean converged = false;
            while (iterations < maxIterations && !converged) {
                centres = means(x, assignment, centres);
                d = squaredDistances(x, centres);
                Tensor next = d.argmin(1, false);
                inertia.add(d.min(1).sum().item());
                converged = next.ne(assignment).to(DType.F32).sum().item() == 0;
                assignment = next;
                iterations++;
            }
            return new Result(centres.toFloatArray(), assignment.toLongArray(), List.copyOf(inertia), iterations,
                    converged);
        }
    }

    /** The mean of every cluster's rows; a cluster left empty keeps its previous centre. */
    static Tensor means(Tensor x, Tensor assignment, Tensor previous) {
        int k = previous.dim(0);
        Tensor member = assignment.oneHot(k).to(DType.F32);                                        // [N, k]
        Tensor sums = member.t().matmul(x);                                                         // [k, D]
        Tensor counts = member.sum(0).unsqueeze(1);                                                 // [k, 1]
        Tensor empty = counts.eq(0);
        return Tensor.where(empty, previous, sums.div(counts.maximum(Tensor.onesLike(counts))));
    }
}
