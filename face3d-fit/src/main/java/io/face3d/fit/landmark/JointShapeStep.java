package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.List;

/**
 * The landmark fit's joint step: one Gauss-Newton step in pose, identity and expression over every image of a
 * (joint) fit, the expression bounded to [0, 1] ({@link BoxQp}) and the identity to +-{@link FitConfig#identityLimit}.
 */
final class JointShapeStep {
    /** Pose unknowns of the joint step: rotation increment (3) and, SOP, log-scale and image translation, or,
     * perspective, the camera-space translation (3). */
    static final int NP = 6;

    private final LandmarkBasis basis;
    private final FitConfig config;
    private final int nId;
    private final int nEx;

    JointShapeStep(LandmarkBasis basis, FitConfig config) {
        this.basis = basis;
        this.config = config;
        this.nId = basis.nId;
        this.nEx = basis.nEx;
    }

    /**
     * The joint Gauss-Newton step of shape and pose. Per image the pose increment (unbounded, image-local) is
     * eliminated first (Schur complement of its 6 x 6 block), leaving a quadratic in the shared identity a and the
     * image's expression w_f. Then, per image f in turn (block Gauss-Seidel over images; exact in one pass for a
     * single image), a is eliminated in closed form (Schur complement of the identity block, whose prior I is
     * counted once), leaving a 57-variable bounded least-squares problem in w_f (BoxQp) with the exponential
     * prior's linear term; a is then solved for all the w_f and clamped to +-identityLimit, and each pose
     * increment recovered by back-substitution and applied. Each frame's rows and normal matrix stay in its buffers
     * for the noise estimate that follows.
     */
    void solve(List<FitFrame> frames, double[] alpha) {
        int m = nId + nEx, mm = m + NP, nf = frames.size();
        LinearSolverDense<DMatrixRMaj>[] poseChol = newSolvers(nf);
        DMatrixRMaj haa = CommonOps_DDRM.identity(nId);
        DMatrixRMaj ga = new DMatrixRMaj(nId, 1);
        DMatrixRMaj mps = new DMatrixRMaj(NP, mm);
        DMatrixRMaj rhs = new DMatrixRMaj(NP, m + 1);
        for (int fi = 0; fi < nf; fi++) {
            FitFrame frame = frames.get(fi);
            DMatrixRMaj a = frame.rows;
            GaussNewtonRows.build(frame, basis, config.depthSigma(), a, frame.rhs);
            DenseKernels.gram(a.data, a.numRows, mm, frame.normal.data);
            CommonOps_DDRM.multTransA(a, frame.rhs, frame.normalRhs);
            // eliminate the pose block: N~ = N_ss - N_sp K^-1 N_ps, n~ = n_s - N_sp K^-1 n_p; one K per image: EJML's
            // Cholesky solver factorises it in place and keeps it for the back-substitution below
            DMatrixRMaj poseBlock = new DMatrixRMaj(NP, NP);
            CommonOps_DDRM.extract(frame.normal, m, mm, m, mm, poseBlock, 0, 0);
            double tr = CommonOps_DDRM.trace(poseBlock);
            for (int d = 0; d < NP; d++) {
                poseBlock.data[d * NP + d] += 1e-12 * tr;
            }
            if (!poseChol[fi].setA(poseBlock)) {
                throw new IllegalStateException("pose block of the normal equations is singular");
            }
            CommonOps_DDRM.extract(frame.normal, m, mm, 0, mm, mps, 0, 0); // [N_ps | N_pp], then n_p appended
            for (int r = 0; r < NP; r++) {
                System.arraycopy(mps.data, r * mm, rhs.data, r * (m + 1), m);
                rhs.data[r * (m + 1) + m] = frame.normalRhs.data[m + r];
            }
            DMatrixRMaj kin = new DMatrixRMaj(NP, m + 1);
            poseChol[fi].solve(rhs, kin);
            CommonOps_DDRM.extract(frame.normal, 0, m, 0, m, frame.reduced, 0, 0);
            CommonOps_DDRM.extract(frame.normalRhs, 0, m, 0, 1, frame.reducedRhs, 0, 0);
            // N~ -= N_ps^T K^-1 N_ps (one product), then n~ -= N_ps^T K^-1 n_p
            DenseKernels.subtractTransposedProduct(mps.data, mm, kin.data, m + 1, NP, m, m, frame.reduced.data, m);
            double[] nvd = frame.reducedRhs.data, kd = kin.data, md = mps.data;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < NP; p++) {
                    nvd[i] -= md[p * mm + i] * kd[p * (m + 1) + m];
                }
            }
            for (int r = 0; r < nId; r++) {
                ga.data[r] += frame.reducedRhs.data[r];
                for (int c = 0; c < nId; c++) {
                    haa.data[r * nId + c] += frame.reduced.data[r * m + c];
                }
            }
        }
        // H_aa = L L^T; with Y = L^-1 N_aw and z = L^-1 g_a the reduced expression problem is
        // Q = N_ww - Y^T Y (+ prior), q = n_w - Y^T z: forward substitutions only
        double[] low = haa.data;
        if (!DenseKernels.choleskyInPlace(low, nId)) {
            throw new IllegalStateException("identity normal equations not positive definite");
        }
        double prior = 1 / (config.expressionSigma() * config.expressionSigma());
        // [Y | z] in one array (nId x (nEx + 1)): one triangular solve for all columns, then [Y | z]^T [Y | z] holds
        // both Y^T Y and Y^T z
        int w1 = nEx + 1;
        double[] yz = new double[nId * w1], yty = new double[w1 * w1];
        double[] q = new double[nEx * nEx], g = new double[nEx];
        for (int fi = 0; fi < nf; fi++) {
            double[] n = frames.get(fi).reduced.data;
            for (int r = 0; r < nId; r++) {
                double gr = ga.data[r];
                for (int other = 0; other < nf; other++) {
                    if (other == fi) {
                        continue;
                    }
                    double[] no = frames.get(other).reduced.data, wo = frames.get(other).expr;
                    for (int k = 0; k < nEx; k++) {
                        gr -= no[r * m + nId + k] * wo[k];
                    }
                }
                System.arraycopy(n, r * m + nId, yz, r * w1, nEx);
                yz[r * w1 + nEx] = gr;
            }
            DenseKernels.solveLowerInPlace(low, nId, yz, w1);
            DenseKernels.gram(yz, nId, w1, yty);
            for (int i = 0; i < nEx; i++) {
                // the exponential prior's term rate * w in the objective is rate / 2 in this half-scaled form
                g[i] = frames.get(fi).reducedRhs.data[nId + i] - config.expressionRate() / 2 - yty[i * w1 + nEx];
                for (int j = i; j < nEx; j++) {
                    double v = n[(nId + i) * m + nId + j] - yty[i * w1 + j] + (i == j ? prior : 0);
                    q[i * nEx + j] = v;
                    q[j * nEx + i] = v;
                }
            }
            BoxQp.solve(q, g, 0, 1, frames.get(fi).expr, nEx);
        }
        double[] sol = ga.data.clone();
        for (int fi = 0; fi < nf; fi++) {
            double[] n = frames.get(fi).reduced.data, w = frames.get(fi).expr;
            for (int r = 0; r < nId; r++) {
                for (int k = 0; k < nEx; k++) {
                    sol[r] -= n[r * m + nId + k] * w[k];
                }
            }
        }
        DenseKernels.solveLowerInPlace(low, nId, sol, 1);
        DenseKernels.solveLowerTransposedInPlace(low, nId, sol);
        double lim = config.identityLimit();
        for (int k = 0; k < nId; k++) {
            alpha[k] = Math.max(-lim, Math.min(lim, sol[k]));
        }
        // pose increments: K dp = n_p - N_ps [a; w_f]
        for (int fi = 0; fi < nf; fi++) {
            FitFrame f = frames.get(fi);
            DMatrixRMaj pr = new DMatrixRMaj(NP, 1), dp = new DMatrixRMaj(NP, 1);
            for (int p = 0; p < NP; p++) {
                double v = f.normalRhs.data[m + p];
                int row = (m + p) * mm;
                for (int k = 0; k < nId; k++) {
                    v -= f.normal.data[row + k] * alpha[k];
                }
                for (int k = 0; k < nEx; k++) {
                    v -= f.normal.data[row + nId + k] * f.expr[k];
                }
                pr.data[p] = v;
            }
            poseChol[fi].solve(pr, dp);
            f.pose = applyIncrement(f.pose, dp.data);
        }
    }

    @SuppressWarnings("unchecked")
    private static LinearSolverDense<DMatrixRMaj>[] newSolvers(int n) {
        LinearSolverDense<DMatrixRMaj>[] s = new LinearSolverDense[n];
        for (int i = 0; i < n; i++) {
            s[i] = LinearSolverFactory_DDRM.chol(NP);
        }
        return s;
    }

    static Pose applyIncrement(Pose p, double[] d) {
        double ang = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double[] rot = p.rotation();
        if (ang > 1e-15) {
            rot = PoseEstimator.orthonormalise(
                Rotation.multiply(Rotation.axisAngle(d[0] / ang, d[1] / ang, d[2] / ang, ang), rot));
        }
        if (p.camera() == Pose.Camera.SOP) {
            return Pose.sop(rot, p.scale() * Math.exp(Math.max(-0.5, Math.min(0.5, d[3]))), p.tx() + d[4],
                p.ty() + d[5]);
        }
        double tz = Math.min(p.tz() + d[5], -1e-3 * Math.abs(p.tz()));
        return Pose.perspective(rot, p.tx() + d[3], p.ty() + d[4], tz, p.focal(), p.cx(), p.cy());
    }
}
