package dev.sinapsis.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms and a PyTorch reference (general eigenvalues of Σ1Σ2). */
class FrechetDistanceTest {
    private static double[][] randomPsd(Random r, int d, int rank) {
        double[][] a = new double[d][rank];
        for (double[] row : a) {
            for (int k = 0; k < rank; k++) {
                row[k] = r.nextGaussian();
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < rank; k++) {
                    s[i][j] += a[i][k] * a[j][k] / rank;
                }
            }
        }
        return s;
    }

    private static double[] randomVector(Random r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double trace(double[][] s) {
        double t = 0;
        for (int i = 0; i < s.length; i++) {
            t += s[i][i];
        }
        return t;
    }

    @Test
    void aGaussianIsAtDistanceZeroFromItself() {
        Random r = new Random(1);
        for (int rank : new int[] {40, 7}) { // full rank, and singular (7 < 40 dimensions)
            GaussianStats g = new GaussianStats(100, randomVector(r, 40), randomPsd(r, 40, rank));
            double d = FrechetDistance.between(g, g);
            assertTrue(d >= 0 && d < 1e-9 * trace(g.covariance()), "rank " + rank + ": d² = " + d);
        }
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredMeanAndStdDifferences() {
        double[] m1 = {0, 1, -2};
        double[] m2 = {1, 1, 0};
        double[] sd1 = {1, 2, 0.5};
        double[] sd2 = {3, 2, 0.1};
        double[][] s1 = new double[3][3];
        double[][] s2 = new double[3][3];
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            s1[i][i] = sd1[i] * sd1[i];
            s2[i][i] = sd2[i] * sd2[i];
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + (sd1[i] - sd2[i]) * (sd1[i] - sd2[i]);
        }
        double d = FrechetDistance.between(new GaussianStats(10, m1, s1), new GaussianStats(10, m2, s2));
        assertEquals(expected, d, 1e-12 * expected); // 5 + 4 + 0 + 0.16 = 9.16
        assertEquals(9.16, d, 1e-12);
    }

    @Test
    void nonCommutingTwoByTwoMatchesTheClosedFormOfTheTraceOfTheRoot() {
        // For 2x2 M with eigenvalues l1, l2 >= 0: Tr(M^½) = √(Tr M + 2 √det M).
        double[][] s1 = {{2, 1}, {1, 3}};
        double[][] s2 = {{1, -0.5}, {-0.5, 0.5}};
        double t11 = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0];
        double t22 = s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double trRoot = Math.sqrt(t11 + t22 + 2 * Math.sqrt(det));
        double expected = 0.25 + 4 + trace(s1) + trace(s2) - 2 * trRoot;
        double d = FrechetDistance.between(new GaussianStats(10, new double[] {0.5, 0}, s1),
                new GaussianStats(10, new double[] {0, 2}, s2));
        assertEquals(expected, d, 1e-12);
    }

    @Test
    void scaledCovarianceInManyDimensionsMatchesTheClosedForm() {
        // Σ2 = c² Σ1 commutes with Σ1: Tr((Σ1 Σ2)^½) = c Tr Σ1, so d² = |Δμ|² + (1 - c)² Tr Σ1.
        Random r = new Random(7);
        int d = 64;
        double c = 1.7;
        double[][] s1 = randomPsd(r, d, d);
        double[][] s2 = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s2[i][j] = c * c * s1[i][j];
            }
        }
        double[] m1 = randomVector(r, d);
        double[] m2 = randomVector(r, d);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            meanTerm += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        double expected = meanTerm + (1 - c) * (1 - c) * trace(s1);
        double got = FrechetDistance.between(new GaussianStats(10, m1, s1), new GaussianStats(10, m2, s2));
        assertEquals(expected, got, 1e-9 * expected);
    }

    @Test
    void isSymmetricAndGrowsWithAShiftOfTheMean() {
        Random r = new Random(3);
        GaussianStats a = new GaussianStats(10, randomVector(r, 12), randomPsd(r, 12, 12));
        GaussianStats b = new GaussianStats(10, randomVector(r, 12), randomPsd(r, 12, 5));
        double ab = FrechetDistance.between(a, b);
        assertEquals(ab, FrechetDistance.between(b, a), 1e-9 * ab);
        double[] shifted = a.mean();
        shifted[0] += 3;
        double shift = FrechetDistance.between(a, new GaussianStats(10, shifted, a.covariance()));
        assertEquals(9, shift, 1e-9);
    }

    @Test
    void matchesPyTorchOnRandomFeatures() {
        // fid.py: features of two sets, d² from torch.linalg.eigvals(Σ1 Σ2) (a general, non-symmetric solver)
        Golden g = Golden.load("fid.txt");
        Tensor a = g.tensor("fid.a", DType.F64);
        Tensor b = g.tensor("fid.b", DType.F64);
        GaussianStats sa = GaussianStats.of(a);
        double[] mean = g.tensor("fid.mean_a", DType.F64).toDoubleArray();
        double[] cov = g.tensor("fid.cov_a", DType.F64).toDoubleArray();
        double[][] mine = sa.covariance();
        for (int i = 0; i < mean.length; i++) {
            assertEquals(mean[i], sa.mean()[i], 1e-12);
            for (int j = 0; j < mean.length; j++) {
                assertEquals(cov[i * mean.length + j], mine[i][j], 1e-12);
            }
        }
        double expected = g.tensor("fid.d2", DType.F64).item();
        assertEquals(expected, FrechetDistance.between(a, b), 1e-9 * expected);
    }

    @Test
    void fitsAreCheckedAndComparedOnlyInTheSameDimension() {
        Random r = new Random(5);
        GaussianStats a = new GaussianStats(10, randomVector(r, 3), randomPsd(r, 3, 3));
        GaussianStats b = new GaussianStats(10, randomVector(r, 4), randomPsd(r, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
        assertTrue(e.getMessage().contains("3 and 4 dimensions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianStats.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> GaussianStats.of(Tensor.zeros(2, 3, 4)));
    }
}
