package io.face3d.fit.landmark;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The landmark noise a fit's own residuals imply: one scale factor per point group (jaw, inner points), so that the
 * strength of the identity prior follows how well the landmarks agree with the model instead of a flag.
 *
 * <p>Why this estimator. The noise variance of a linear(ised) Gaussian model with a Gaussian prior is estimated
 * without bias by sigma^2 = RSS / (N - gamma), where gamma = trace of the hat matrix H = A (A^T A + P)^-1 A^T is the
 * number of well-determined parameters (MacKay 1992, "Bayesian interpolation", eq. 4.12; the same update maximises
 * the evidence for the noise level). The plain maximum-likelihood estimate RSS / N cannot be used: with 100 identity
 * modes against 136 coordinates the fit absorbs most of the noise, RSS / N shrinks with the noise estimate, and the
 * iteration runs away to a vanishing noise and an identity that explains noise (measured on the benchmark: identity
 * sums far above the prior's expectation). A Student-t likelihood would down-weight single outliers but not a
 * whole group that follows another convention; the per-group variance does both together with the IRLS weights.
 * Per group, gamma_g is the sum of the leverages h_r = a_r^T (A^T A + P)^-1 a_r of its rows.
 */
final class NoiseCalibration {
    /** Group of a row: the jaw's outline residuals, the inner points 17-67; other rows are not calibrated. */
    static final int JAW = 0;
    static final int INNER = 1;
    static final int NONE = -1;
    static final int GROUPS = 2;

    private NoiseCalibration() {
    }

    /**
     * Sum of leverages per group over every image of a (joint) fit.
     *
     * @param rows        per image, the whitened Gauss-Newton rows over [identity | expression | pose increment]
     * @param normals     per image, rows^T rows (the same column order)
     * @param rowGroups   per image, the group of each row
     * @param fixed       per image, per expression, whether it sits on a bound (not a free parameter)
     * @param nId         identity modes (their prior is I, counted once)
     * @param nEx         expressions (prior exPrior on the diagonal when free)
     * @param np          pose unknowns per image (no prior)
     */
    static double[] leverage(List<DMatrixRMaj> rows, List<DMatrixRMaj> normals, List<int[]> rowGroups,
                             List<boolean[]> fixed, int nId, int nEx, int np, double exPrior) {
        int nf = rows.size(), block = nEx + np, dim = nId + nf * block, m = nId + block;
        DMatrixRMaj big = new DMatrixRMaj(dim, dim);
        double[] g = big.data;
        for (int k = 0; k < nId; k++) {
            g[k * dim + k] = 1;
        }
        for (int f = 0; f < nf; f++) {
            double[] n = normals.get(f).data;
            int off = nId + f * block;
            for (int r = 0; r < m; r++) {
                int gr = r < nId ? r : off + r - nId;
                for (int c = 0; c < m; c++) {
                    int gc = c < nId ? c : off + c - nId;
                    g[gr * dim + gc] += n[r * m + c];
                }
            }
            boolean[] fx = fixed.get(f);
            double trace = 0;
            for (int p = 0; p < np; p++) {
                trace += g[(off + nEx + p) * dim + off + nEx + p];
            }
            for (int e = 0; e < nEx; e++) {
                int d = (off + e) * dim + off + e;
                // a weight on its bound is held there by the constraint: pinned, it has no leverage
                g[d] += fx[e] ? 1e9 * (1 + g[d]) : exPrior;
            }
            for (int p = 0; p < np; p++) {
                g[(off + nEx + p) * dim + off + nEx + p] += 1e-12 * trace;
            }
        }
        double[] out = new double[GROUPS];
        double[] low = big.data;
        if (!DenseKernels.choleskyInPlace(low, dim)) {
            return null;
        }
        for (int f = 0; f < nf; f++) {
            DMatrixRMaj a = rows.get(f);
            int[] groups = rowGroups.get(f);
            int off = nId + f * block;
            int width = 0;
            for (int r = 0; r < a.numRows; r++) {
                width += groups[r] < 0 ? 0 : 1;
            }
            // the calibrated rows as columns of one right-hand side, y_r = L^-1 a_r for all r in one solve; image f's
            // rows have entries only in the identity and its own block (the other images' entries start at zero)
            double[] y = new double[dim * width];
            int col = 0;
            for (int r = 0; r < a.numRows; r++) {
                if (groups[r] < 0) {
                    continue;
                }
                for (int c = 0; c < m; c++) {
                    y[(c < nId ? c : off + c - nId) * width + col] = a.data[r * m + c];
                }
                col++;
            }
            DenseKernels.solveLowerInPlace(low, dim, y, width);
            double[] h = new double[width];
            for (int k = 0; k < dim; k++) {
                for (int c = 0, o = k * width; c < width; c++) {
                    h[c] += y[o + c] * y[o + c];
                }
            }
            col = 0;
            for (int r = 0; r < a.numRows; r++) {
                if (groups[r] >= 0) {
                    out[groups[r]] += h[col++];
                }
            }
        }
        return out;
    }

    /**
     * The new scale of one group's sigmas: old * sqrt(rss / (count - gamma)), limited to a change of {@code step}
     * either way per update (the rows were linearised at the previous estimate) and to [lo, hi].
     *
     * @param rss   weighted sum of squared residuals of the group, in units of the current sigmas
     * @param count weighted number of rows (sum of the robust weights)
     * @param gamma sum of the group's leverages
     */
    static double rescale(double old, double rss, double count, double gamma, double step, double lo, double hi) {
        double dof = Math.max(count - gamma, 0.1 * count);
        if (!(dof > 0) || !(rss >= 0)) {
            return old;
        }
        double factor = Math.sqrt(rss / dof);
        factor = Math.max(1 / step, Math.min(step, factor));
        return Math.max(lo, Math.min(hi, old * factor));
    }
}
