package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, squared, as in the FID of Heusel et
 * al. 2017:
 * {@code d² = |μ1 - μ2|² + Tr(Σ1) + Tr(Σ2) - 2 Tr((Σ1 Σ2)^½)}.
 *
 * <pre>{@code
 * double fid = FrechetDistance.between(GaussianStats.of(realFeatures), GaussianStats.of(fakeFeatures));
 * }</pre>
 *
 * <p>Stability: the trace term is computed without the non-symmetric square root
 * {@code sqrtm(Σ1 Σ2)} (which needs a Schur decomposition and can return complex noise). Instead
 * {@code Σ1^½} comes from the symmetric eigendecomposition of Σ1 (negative round-off eigenvalues
 * clamped to 0), and {@code Tr((Σ1 Σ2)^½) = Σ √λ} over the eigenvalues λ of the symmetric
 * positive semi-definite {@code Σ1^½ Σ2 Σ1^½}, which has the same spectrum as {@code Σ1 Σ2}. Both
 * decompositions are symmetric (Householder tridiagonalisation and implicit QL, from Commons Math)
 * in F64. Eigenvalues within round-off of zero (singular covariances: fewer samples than
 * dimensions, dead features) count as zero, so no regularising offset is needed and
 * {@code d(a, a)} is 0 up to round-off rather than up to its square root.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** The squared Fréchet distance between two fits of the same dimension. */
    public static double between(GaussianStats a, GaussianStats b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("FrechetDistance: features of " + a.dimension() + " and "
                    + b.dimension() + " dimensions cannot be compared");
        }
        double[] m1 = a.meanView();
        double[] m2 = b.meanView();
        double meanTerm = 0;
        for (int i = 0; i < m1.length; i++) {
            double d = m1[i] - m2[i];
            meanTerm += d * d;
        }
        double[][] s1 = a.covarianceView();
        double[][] s2 = b.covarianceView();
        double traces = 0;
        for (int i = 0; i < s1.length; i++) {
            traces += s1[i][i] + s2[i][i];
        }
        double d2 = meanTerm + traces - 2 * traceSqrtProduct(s1, s2);
        // the exact value is >= 0; round-off may leave a tiny negative number
        return Math.max(d2, 0);
    }

    /** The squared Fréchet distance between Gaussian fits of two feature sets {@code [N, D]}. */
    public static double between(Tensor featuresA, Tensor featuresB) {
        return between(GaussianStats.of(featuresA), GaussianStats.of(featuresB));
    }

    /**
     * {@code Tr((s1 s2)^½)} for symmetric positive semi-definite {@code s1}, {@code s2}: the sum
     * of the square roots of the eigenvalues of {@code s1^½ s2 s1^½}.
     */
    static double traceSqrtProduct(double[][] s1, double[][] s2) {
        EigenDecomposition e1 = new EigenDecomposition(symmetrized(new Array2DRowRealMatrix(s1, false)));
        double[] l1 = e1.getRealEigenvalues();
        RealMatrix v = e1.getV();
        int n = l1.length;
        double max1 = maxAbs(l1);
        double tol1 = roundOff(n, max1);
        RealMatrix scaled = v.copy(); // V diag(√λ): Σ1^½ = scaled Vᵀ
        for (int j = 0; j < n; j++) {
            double r = l1[j] > tol1 ? Math.sqrt(l1[j]) : 0;
            for (int i = 0; i < n; i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) * r);
            }
        }
        RealMatrix sqrt1 = scaled.multiply(v.transpose());
        RealMatrix s2m = new Array2DRowRealMatrix(s2, false);
        RealMatrix m = sqrt1.multiply(s2m).multiply(sqrt1);
        double[] lambda = new EigenDecomposition(symmetrized(m)).getRealEigenvalues();
        // eigenvalues within round-off of 0 are 0: √ would turn an error of 1e-16 into one of 1e-8
        double tol = roundOff(n, max1 * maxAbs(new EigenDecomposition(symmetrized(s2m)).getRealEigenvalues()));
        double sum = 0;
        for (double l : lambda) {
            if (l > tol) {
                sum += Math.sqrt(l);
            }
        }
        return sum;
    }

    /** What round-off can leave in an eigenvalue of an {@code n x n} matrix of spectral norm {@code norm}. */
    private static double roundOff(int n, double norm) {
        return 4.0 * n * Math.ulp(1.0) * norm;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * {@code (m + mᵀ) / 2}: products of symmetric matrices are symmetric only up to round-off, and
     * Commons Math chooses its symmetric (real, orthogonal) algorithm only for an exactly symmetric matrix.
     */
    private static RealMatrix symmetrized(RealMatrix m) {
        int n = m.getRowDimension();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = 0.5 * (m.getEntry(i, j) + m.getEntry(j, i));
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }
}
