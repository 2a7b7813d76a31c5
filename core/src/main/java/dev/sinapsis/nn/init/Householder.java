package dev.sinapsis.nn.init;

/** Householder QR on host doubles, for {@link Init#orthogonal}. */
final class Householder {
    private Householder() {
    }

    /**
     * For a tall {@code m x n} matrix {@code a} ({@code m >= n}), the {@code m x n} Q of its
     * thin QR decomposition, with each column multiplied by the sign of R's diagonal entry (so
     * the decomposition is unique, as PyTorch's {@code orthogonal_} makes it).
     */
    static double[][] orthonormalColumns(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double[][] r = new double[m][];
        for (int i = 0; i < m; i++) {
            r[i] = a[i].clone();
        }
        double[][] v = new double[n][];
        double[] diag = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += r[i][k] * r[i][k];
            }
            norm = Math.sqrt(norm);
            double alpha = r[k][k] > 0 ? -norm : norm;
            double[] vk = new double[m];
            for (int i = k; i < m; i++) {
                vk[i] = r[i][k];
            }
            vk[k] -= alpha;
            double vnorm = 0;
            for (int i = k; i < m; i++) {
                vnorm += vk[i] * vk[i];
            }
            if (vnorm > 0) {
                for (int j = k; j < n; j++) {
                    double dot = 0;
                    for (int i = k; i < m; i++) {
                        dot += vk[i] * r[i][j];
                    }
                    double s = 2 * dot / vnorm;
                    for (int i = k; i < m; i++) {
                        r[i][j] -= s * vk[i];
                    }
                }
            }
            v[k] = vk;
            diag[k] = r[k][k];
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] vk = v[k];
            double vnorm = 0;
            for (int i = k; i < m; i++) {
                vnorm += vk[i] * vk[i];
            }
            if (vnorm == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += vk[i] * q[i][j];
                }
                double s = 2 * dot / vnorm;
                for (int i = k; i < m; i++) {
                    q[i][j] -= s * vk[i];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (diag[j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }
}
