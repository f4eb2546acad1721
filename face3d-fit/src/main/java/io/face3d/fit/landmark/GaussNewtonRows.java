package io.face3d.fit.landmark;

import org.ejml.data.DMatrixRMaj;

/**
 * The Gauss-Newton rows of one image in the landmark fit: each point's residual linearised in the identity, the
 * image's expression and its pose increment, whitened by the point's sigma and weights. Row and right side follow
 * {@link FitFrame#normalisedResidual}; the camera derivatives come from {@link CameraJacobian}.
 */
final class GaussNewtonRows {
    private GaussNewtonRows() {
    }

    /**
     * The linearised least-squares rows of one image over [a | w | pose increment]: row = sqrt(c) [J U | J E | J_pose],
     * right side = sqrt(c) (x - pi(p0) + J p0 - J m), so that rows * [a; w; dpose] ~ right side (Gauss-Newton about
     * the current shape and pose; shape coefficients absolute, pose as an increment).
     */
    static void build(FitFrame f, LandmarkBasis basis, double depthSigma, DMatrixRMaj a, DMatrixRMaj b) {
        int nId = basis.nId, nEx = basis.nEx, np = JointShapeStep.NP;
        double[] mu = basis.mu, idRows = basis.idRows, exRows = basis.exRows;
        double iod3d = basis.iod3d;
        f.project(); // refreshes the marching normals
        int modes = nId + nEx + np;
        int rowsNeeded = 2 * f.n + (f.depth != null ? f.n - 68 : 0);
        a.reshape(rowsNeeded, modes);
        b.reshape(rowsNeeded, 1);
        if (f.rowGroup.length != rowsNeeded) {
            f.rowGroup = new int[rowsNeeded];
        }
        double[] jac = new double[9], proj = new double[3], jp = new double[3 * np], ax = new double[4];
        double depthW = 1 / Math.pow(depthSigma * f.pose.scale() * iod3d, 2);
        double[] rot = f.pose.rotation();
        int out = 0;
        for (int i = 0; i < f.n; i++) {
            double x = f.pos[3 * i], y = f.pos[3 * i + 1], z = f.pos[3 * i + 2];
            CameraJacobian.linearise(f.pose, rot, x, y, z, proj, jac, jp);
            int r3 = 3 * f.row[i];
            // the point's constant part: the vertex's mean plus the detector's offset
            double mx = mu[r3] + f.offset[3 * i], my = mu[r3 + 1] + f.offset[3 * i + 1];
            double mz = mu[r3 + 2] + f.offset[3 * i + 2];
            int dims = f.depth != null && i >= 68 ? 3 : 2;
            f.axes(i, ax);
            double w = f.userW[i] * f.robustW[i], unit = f.pose.scale() * iod3d;
            boolean marched = f.marched(i);
            for (int d = 0; d < dims; d++) {
                if (marched && d == 1) {
                    // across the normal a marched jaw point follows its anatomical vertex (Frame.fitted)
                    x = f.anatomical[3 * i];
                    y = f.anatomical[3 * i + 1];
                    z = f.anatomical[3 * i + 2];
                    CameraJacobian.linearise(f.pose, rot, x, y, z, proj, jac, jp);
                    r3 = 3 * basis.jawRow[i];
                    mx = mu[r3];
                    my = mu[r3 + 1];
                    mz = mu[r3 + 2];
                }
                // rows 0 and 1: the residual along the point's axis a and across it (a = u for most points)
                double gu = d == 0 ? ax[0] : d == 1 ? -ax[1] : 0, gv = d == 0 ? ax[1] : d == 1 ? ax[0] : 0;
                double sc = d == 2 ? Math.sqrt(depthW * f.robustW[i]) : Math.sqrt(w) / (ax[2 + d] * unit);
                double j0, j1, j2, rhs;
                if (d == 2) {
                    j0 = jac[6];
                    j1 = jac[7];
                    j2 = jac[8];
                    rhs = f.depth[i] - f.depthOffset - proj[2];
                } else {
                    j0 = gu * jac[0] + gv * jac[3];
                    j1 = gu * jac[1] + gv * jac[4];
                    j2 = gu * jac[2] + gv * jac[5];
                    rhs = gu * (f.target[2 * i] - proj[0]) + gv * (f.target[2 * i + 1] - proj[1]);
                }
                b.data[out] = sc * (rhs + j0 * (x - mx) + j1 * (y - my) + j2 * (z - mz));
                j0 *= sc;
                j1 *= sc;
                j2 *= sc;
                int base = out * modes;
                int o0 = r3 * nId, o1 = o0 + nId, o2 = o1 + nId;
                for (int k = 0; k < nId; k++) {
                    a.data[base + k] = j0 * idRows[o0 + k] + j1 * idRows[o1 + k] + j2 * idRows[o2 + k];
                }
                base += nId;
                o0 = r3 * nEx;
                o1 = o0 + nEx;
                o2 = o1 + nEx;
                for (int k = 0; k < nEx; k++) {
                    a.data[base + k] = j0 * exRows[o0 + k] + j1 * exRows[o1 + k] + j2 * exRows[o2 + k];
                }
                base += nEx;
                for (int k = 0; k < np; k++) {
                    a.data[base + k] = sc * (d == 2 ? jp[2 * np + k] : gu * jp[k] + gv * jp[np + k]);
                }
                // the along-outline row of a marched jaw point is a loose tie, not a measurement of the noise
                f.rowGroup[out] = i >= 68 || (marched && d == 1) ? NoiseCalibration.NONE
                    : i < 17 ? NoiseCalibration.JAW : NoiseCalibration.INNER;
                out++;
            }
        }
    }
}
