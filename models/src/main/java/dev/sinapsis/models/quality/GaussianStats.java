package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;

/**
 * The mean and (unbiased, {@code N - 1}) covariance of a set of feature vectors, in F64: the
 * Gaussian fit the {@link FrechetDistance} compares.
 *
 * @param count      number of vectors fitted
 * @param mean       {@code [D]}
 * @param covariance {@code [D][D]}, symmetric
 */
public record GaussianStats(int count, double[] mean, double[][] covariance) {
    /** Validates shapes and copies the arrays (the record is immutable). */
    public GaussianStats {
        int d = mean.length;
        if (d == 0) {
            throw new IllegalArgumentException("GaussianStats: the features have no dimensions");
        }
        if (covariance.length != d) {
            throw new IllegalArgumentException("GaussianStats: a mean of " + d + " dimensions needs a " + d + "x" + d
                    + " covariance, got " + covariance.length + " rows");
        }
        mean = mean.clone();
        double[][] c = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("GaussianStats: covariance row " + i + " has " + covariance[i].length
                        + " entries, expected " + d);
            }
            c[i] = covariance[i].clone();
        }
        covariance = c;
    }

    /** Fits the rows of {@code features} ({@code [N, D]}, any floating dtype, N at least 2). */
    public static GaussianStats of(Tensor features) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException("GaussianStats.of: expected features [N, D], got " + features.shape());
        }
        int n = features.dim(0);
        int d = features.dim(1);
        double[] flat = features.toDoubleArray();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return of(rows);
    }

    /** Fits {@code rows} ({@code N} vectors of {@code D} values, N at least 2). */
    public static GaussianStats of(double[][] rows) {
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("GaussianStats.of: a covariance needs at least 2 vectors, got " + n);
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("GaussianStats.of: vectors of " + r.length + " and " + d
                        + " dimensions");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException("GaussianStats.of: a feature is " + r[j]);
                }
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                c[j] = r[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                double[] row = cov[i];
                for (int j = i; j < d; j++) {
                    row[j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new GaussianStats(n, mean, cov);
    }

    /** The number of dimensions D. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** Package access without copies. */
    double[] meanView() {
        return mean;
    }

    double[][] covarianceView() {
        return covariance;
    }
}
