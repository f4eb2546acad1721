package io.face3d.fit.landmark;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Bounded least squares in its normal-equation form: minimise 1/2 x^T Q x - g^T x subject to lo &lt;= x &lt;= hi,
 * Q symmetric positive definite. A primal active-set method (the two-bound extension of Lawson and Hanson's NNLS,
 * as in Stark and Parker's BVLS, 1995): solve the free variables with the bound ones fixed; if that leaves the box,
 * step to the first bound hit and fix that variable; when the free solution is feasible, release the bound variable
 * whose Lagrange multiplier has the wrong sign, until the KKT conditions hold. Each step lowers the objective, so
 * it terminates; the iteration cap only guards against round-off cycling.
 */
final class BoxQp {
    private static final double KKT_TOL = 1e-10;

    private BoxQp() {
    }

    /**
     * @param q n x n row-major, positive definite
     * @param g n
     * @param x start (clamped into the box) and result
     */
    static void solve(double[] q, double[] g, double lo, double hi, double[] x, int n) {
        // state: 0 free, -1 at lo, +1 at hi
        int[] state = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(lo, Math.min(hi, x[i]));
            state[i] = x[i] <= lo ? -1 : x[i] >= hi ? 1 : 0;
        }
        double[] z = new double[n];
        int[] free = new int[n];
        for (int outer = 0; outer < 4 * n + 10; outer++) {
            // inner: move to the minimiser over the free variables, fixing variables that hit a bound
            for (int inner = 0; inner <= n; inner++) {
                int nf = 0;
                for (int i = 0; i < n; i++) {
                    if (state[i] == 0) {
                        free[nf++] = i;
                    }
                }
                if (nf == 0) {
                    break;
                }
                solveFree(q, g, x, free, nf, n, z);
                double step = 1;
                int hit = -1;
                for (int a = 0; a < nf; a++) {
                    int i = free[a];
                    double d = z[i] - x[i];
                    if (z[i] < lo && d < 0) {
                        double t = (lo - x[i]) / d;
                        if (t < step) {
                            step = t;
                            hit = i;
                        }
                    } else if (z[i] > hi && d > 0) {
                        double t = (hi - x[i]) / d;
                        if (t < step) {
                            step = t;
                            hit = i;
                        }
                    }
                }
                for (int a = 0; a < nf; a++) {
                    int i = free[a];
                    x[i] = Math.max(lo, Math.min(hi, x[i] + step * (z[i] - x[i])));
                }
                if (hit < 0) {
                    break;
                }
                // fix every free variable now on a bound (the one hit, and ties)
                for (int a = 0; a < nf; a++) {
                    int i = free[a];
                    if (i == hit || x[i] <= lo || x[i] >= hi) {
                        x[i] = (i == hit ? (z[i] < lo ? lo : hi) : x[i] <= lo ? lo : hi);
                        state[i] = x[i] <= lo ? -1 : 1;
                    }
                }
            }
            // KKT: gradient Qx - g must be >= 0 at lo and <= 0 at hi
            int worst = -1;
            double worstV = KKT_TOL;
            for (int i = 0; i < n; i++) {
                if (state[i] == 0) {
                    continue;
                }
                double gr = -g[i];
                for (int j = 0; j < n; j++) {
                    gr += q[i * n + j] * x[j];
                }
                double viol = state[i] < 0 ? -gr : gr;
                if (viol > worstV * (1 + Math.abs(g[i]))) {
                    worstV = viol / (1 + Math.abs(g[i]));
                    worst = i;
                }
            }
            if (worst < 0) {
                return;
            }
            state[worst] = 0;
        }
    }

    /** z_F = Q_FF^-1 (g_F - Q_FB x_B), by Cholesky (EJML). */
    private static void solveFree(double[] q, double[] g, double[] x, int[] free, int nf, int n, double[] z) {
        DMatrixRMaj a = new DMatrixRMaj(nf, nf), b = new DMatrixRMaj(nf, 1), sol = new DMatrixRMaj(nf, 1);
        boolean[] isFree = new boolean[n];
        for (int k = 0; k < nf; k++) {
            isFree[free[k]] = true;
        }
        for (int r = 0; r < nf; r++) {
            int i = free[r];
            double rhs = g[i];
            for (int j = 0; j < n; j++) {
                if (!isFree[j]) {
                    rhs -= q[i * n + j] * x[j];
                }
            }
            b.data[r] = rhs;
            for (int c = 0; c < nf; c++) {
                a.data[r * nf + c] = q[i * n + free[c]];
            }
        }
        if (!CommonOps_DDRM.solveSPD(a, b, sol)) {
            throw new IllegalStateException("bounded least squares: singular free system (prior too weak)");
        }
        for (int r = 0; r < nf; r++) {
            z[free[r]] = sol.data[r];
        }
    }
}
