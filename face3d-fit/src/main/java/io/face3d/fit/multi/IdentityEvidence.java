package io.face3d.fit.multi;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.LandmarkObservation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * What one photo's landmarks say about an identity: the fitter's MAP objective of that photo as a function of the
 * identity coefficients a, with pose and expression free, as a quadratic {@code cost(a) = a'Ha - 2h'a + c}
 * (chi-square units: squared residuals over the detector's noise variance, so {@code exp(-cost/2)} is the
 * likelihood of the photo under the detector noise model).
 *
 * <p>Built by linearising the photo's own fit (Gauss-Newton, as in Aldrian and Smith 2013): landmark i at model
 * point p_i = m_i + U_i a + E_i w is seen at s R p_i + t (SOP; a perspective pose is taken at its image scale).
 * The nuisance parameters are eliminated in closed form (Schur complement): the 6 pose parameters (small rotation,
 * scale, translation) without a prior, and the expression weights that are inside (0, 1) in the photo's own fit
 * (the active set of the bounded problem, so one-sided expressions stay one-sided) with the fitter's prior
 * ||w||^2 / sigma_w^2. Every point keeps its robust weight from the fit; the jaw outline is left out
 * ({@link #FIRST_POINT}).
 * The identity prior ||a||^2 is not included: a joint identity over photos F is then
 * {@code (I + sum H_f)^-1 sum h_f}, the linearised joint fit (prior counted once).
 *
 * <p>The arrays are shared, not copied (the clustering reads them millions of times): treat them as read-only.
 *
 * @param hessian  H, row-major n x n (n = identity modes)
 * @param gradient h
 * @param constant c, the cost at a = 0
 */
public record IdentityEvidence(double[] hessian, double[] gradient, double constant) {
    /**
     * The jaw points 0-16 are left out: they are silhouette points whose model vertex the fitter re-assigns with the
     * pose and the shape, so their residual under another identity is not the linear function of it that this
     * evidence assumes. Measured (seed 1, 20 people x 5 photos, 0.5% IOD noise, true labels): with the jaw, 3 of 100
     * photos were explained better by another person's joint identity than by their own (leave-one-out); without
     * it, none.
     */
    static final int FIRST_POINT = 17;
    /** Expression weights at or below this are taken as held at the lower bound. */
    private static final double ACTIVE = 1e-6;

    /** Identity modes. */
    public int size() {
        return gradient.length;
    }

    /** The photo's cost under identity a (chi-square units). */
    public double cost(double[] a) {
        int n = gradient.length;
        double s = constant;
        for (int r = 0; r < n; r++) {
            double hr = 0;
            int o = r * n;
            for (int k = 0; k < n; k++) {
                hr += hessian[o + k] * a[k];
            }
            s += a[r] * hr - 2 * gradient[r] * a[r];
        }
        return s;
    }

    /** Builds evidence for photos fitted with one model and fit configuration. Thread-safe. */
    public static final class Builder {
        private final MorphableModel model;
        private final FitConfig config;
        private final double iod3d;

        public Builder(MorphableModel model, FitConfig config) {
            this.model = model;
            this.config = config;
            int[] lm = model.landmarks68();
            float[] m = model.meanArray();
            double dx = m[3 * lm[45]] - m[3 * lm[36]], dy = m[3 * lm[45] + 1] - m[3 * lm[36] + 1];
            double dz = m[3 * lm[45] + 2] - m[3 * lm[36] + 2];
            this.iod3d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }

        /** The evidence of one photo (its 68 points) about the identity, linearised at its own fit. */
        public IdentityEvidence of(LandmarkObservation obs, FitResult fit) {
            int nId = model.identityCount(), nEx = model.expressionCount();
            int[] vertices = fit.landmarkVertices();
            MorphableModel.SubsetBasis basis = model.subset(vertices);
            double[] expr = fit.expression();
            double[] alpha = fit.identity();
            double[] robust = fit.weights();
            Pose pose = fit.pose();
            double[] r = pose.rotation();
            double s = pose.scale();
            double[] x = obs.points();
            int free = 0;
            int[] freeIdx = new int[nEx];
            for (int k = 0; k < nEx; k++) {
                if (expr[k] > ACTIVE && expr[k] < 1 - ACTIVE) {
                    freeIdx[free++] = k;
                }
            }
            int rows = 2 * (68 - FIRST_POINT), q = 6 + free;
            DMatrixRMaj a = new DMatrixRMaj(rows, nId + 1); // [A_id | b]
            DMatrixRMaj nu = new DMatrixRMaj(rows, q); // nuisance columns [pose | free expressions]
            double[] mu = basis.mean();
            double[][] u = basis.identity(), e = basis.expression();
            for (int i = FIRST_POINT; i < 68; i++) {
                double frac = config.noise().sigma68(i);
                double userW = obs.weights() == null ? 1 : obs.weights()[i];
                double sigmaPx = frac * s * iod3d;
                double sq = Math.sqrt(userW * robust[i]) / sigmaPx;
                // fixed part of the point: mean + expressions held at their value in the photo's fit
                double[] p0 = new double[3];
                double[] pf = new double[3];
                for (int c = 0; c < 3; c++) {
                    int row = 3 * i + c;
                    double fixed = mu[row];
                    for (int k = 0; k < nEx; k++) {
                        if (!(expr[k] > ACTIVE && expr[k] < 1 - ACTIVE)) {
                            fixed += e[k][row] * expr[k];
                        }
                    }
                    pf[c] = fixed;
                    double full = mu[row];
                    for (int k = 0; k < nId; k++) {
                        full += u[k][row] * alpha[k];
                    }
                    for (int k = 0; k < nEx; k++) {
                        full += e[k][row] * expr[k];
                    }
                    p0[c] = full;
                }
                double qx = r[0] * p0[0] + r[1] * p0[1] + r[2] * p0[2];
                double qy = r[3] * p0[0] + r[4] * p0[1] + r[5] * p0[2];
                double qz = r[6] * p0[0] + r[7] * p0[1] + r[8] * p0[2];
                double fu = s * (r[0] * pf[0] + r[1] * pf[1] + r[2] * pf[2]) + pose.tx();
                double fv = pose.ty() - s * (r[3] * pf[0] + r[4] * pf[1] + r[5] * pf[2]);
                if (pose.camera() == Pose.Camera.PERSPECTIVE) {
                    // SOP at the image scale about the fitted point: shift so the fitted point projects exactly
                    float[] one = {(float) p0[0], (float) p0[1], (float) p0[2]};
                    double[] uv = new double[2];
                    pose.project(one, 1, uv);
                    fu += uv[0] - (s * qx + pose.tx());
                    fv += uv[1] - (pose.ty() - s * qy);
                }
                int ru = 2 * (i - FIRST_POINT), rv = ru + 1;
                a.set(ru, nId, sq * (x[2 * i] - fu));
                a.set(rv, nId, sq * (x[2 * i + 1] - fv));
                for (int k = 0; k < nId; k++) {
                    double ux = u[k][3 * i], uy = u[k][3 * i + 1], uz = u[k][3 * i + 2];
                    a.set(ru, k, sq * s * (r[0] * ux + r[1] * uy + r[2] * uz));
                    a.set(rv, k, -sq * s * (r[3] * ux + r[4] * uy + r[5] * uz));
                }
                // pose: left rotation increment omega (d(Rp) = omega x Rp), scale, translation
                nu.set(ru, 0, 0);
                nu.set(ru, 1, sq * s * qz);
                nu.set(ru, 2, -sq * s * qy);
                nu.set(rv, 0, sq * s * qz);
                nu.set(rv, 1, 0);
                nu.set(rv, 2, -sq * s * qx);
                nu.set(ru, 3, sq * qx);
                nu.set(rv, 3, -sq * qy);
                nu.set(ru, 4, sq);
                nu.set(rv, 5, sq);
                for (int j = 0; j < free; j++) {
                    int k = freeIdx[j];
                    double ex = e[k][3 * i], ey = e[k][3 * i + 1], ez = e[k][3 * i + 2];
                    nu.set(ru, 6 + j, sq * s * (r[0] * ex + r[1] * ey + r[2] * ez));
                    nu.set(rv, 6 + j, -sq * s * (r[3] * ex + r[4] * ey + r[5] * ez));
                }
            }
            // G = N'N + diag(0 (pose), 1/sigma_w^2 (expressions)); S[A|b] = [A|b] - N G^-1 N'[A|b]
            DMatrixRMaj g = new DMatrixRMaj(q, q);
            CommonOps_DDRM.multTransA(nu, nu, g);
            double prior = 1 / (config.expressionSigma() * config.expressionSigma());
            double trace = 0;
            for (int j = 0; j < q; j++) {
                trace += g.get(j, j);
            }
            for (int j = 0; j < q; j++) {
                // a vanishing ridge on the pose block keeps the factorisation defined for degenerate poses
                g.add(j, j, j < 6 ? 1e-12 * trace / q : prior);
            }
            DMatrixRMaj ntA = new DMatrixRMaj(q, nId + 1), sol = new DMatrixRMaj(q, nId + 1);
            CommonOps_DDRM.multTransA(nu, a, ntA);
            LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(q);
            if (!chol.setA(g)) {
                throw new IllegalStateException("nuisance normal equations not positive definite");
            }
            chol.solve(ntA, sol);
            DMatrixRMaj sa = a.copy();
            CommonOps_DDRM.multAdd(-1, nu, sol, sa);
            DMatrixRMaj full = new DMatrixRMaj(nId + 1, nId + 1);
            CommonOps_DDRM.multTransA(a, sa, full);
            double[] h = new double[nId * nId], grad = new double[nId];
            for (int i = 0; i < nId; i++) {
                for (int j = 0; j < nId; j++) {
                    // symmetrise: A'SA is symmetric up to rounding
                    h[i * nId + j] = 0.5 * (full.get(i, j) + full.get(j, i));
                }
                grad[i] = 0.5 * (full.get(i, nId) + full.get(nId, i));
            }
            return new IdentityEvidence(h, grad, full.get(nId, nId));
        }
    }

    /**
     * The MAP identity of photos sharing one person under the linearised model with the N(0, I) prior counted once:
     * (I + sum H)^-1 sum h, clamped to +-limit standard deviations like the fitter's.
     */
    public static double[] jointIdentity(Iterable<IdentityEvidence> photos, int n, double limit) {
        double[] h = new double[n * n];
        double[] g = new double[n];
        for (IdentityEvidence e : photos) {
            for (int i = 0; i < n * n; i++) {
                h[i] += e.hessian[i];
            }
            for (int i = 0; i < n; i++) {
                g[i] += e.gradient[i];
            }
        }
        return solvePrior(h, g, n, limit);
    }

    /** (I + h)^-1 g for summed Hessians h (n x n, without the prior) and gradients g, clamped to +-limit. */
    static double[] solvePrior(double[] h, double[] g, int n, double limit) {
        DMatrixRMaj a = new DMatrixRMaj(n, n), b = new DMatrixRMaj(n, 1), x = new DMatrixRMaj(n, 1);
        System.arraycopy(h, 0, a.data, 0, n * n);
        for (int i = 0; i < n; i++) {
            a.data[i * n + i] += 1;
        }
        System.arraycopy(g, 0, b.data, 0, n);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(a)) {
            throw new IllegalStateException("identity normal equations not positive definite");
        }
        chol.solve(b, x);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(-limit, Math.min(limit, x.data[i]));
        }
        return out;
    }
}
