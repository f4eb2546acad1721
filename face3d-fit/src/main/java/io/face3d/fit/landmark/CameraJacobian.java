package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;

/**
 * A camera (CONVENTIONS.md) linearised at one model point: the projection (u, v, depth) and its derivatives with
 * respect to the model point and to a pose increment. The one place of these formulas, shared by the fitter's
 * Gauss-Newton step and the perspective pose estimator.
 *
 * <p>Pose increment: rotation R &lt;- exp([w]) R, so d(Rp) = w x Rp; then SOP: (log-scale, tx, ty) with
 * u = s q_x + tx, v = ty - s q_y; perspective: the camera-space translation t with P = q + t,
 * u = cx + f X / -Z, v = cy - f Y / -Z. Depth (FaceMesh-like relative z) = -s q_z, s the pose's image scale.
 */
final class CameraJacobian {
    private CameraJacobian() {
    }

    /**
     * @param r    the pose's rotation (row-major; passed to avoid a copy per point)
     * @param proj out: u, v, depth
     * @param jac  out: d(u, v, depth)/d(x, y, z), 3 x 3 row-major
     * @param jp   out: d(u, v, depth)/d(pose increment), 3 x 6 row-major
     */
    static void linearise(Pose pose, double[] r, double x, double y, double z, double[] proj, double[] jac,
                          double[] jp) {
        double qx = r[0] * x + r[1] * y + r[2] * z, qy = r[3] * x + r[4] * y + r[5] * z;
        double qz = r[6] * x + r[7] * y + r[8] * z;
        double s = pose.scale();
        double ux, uz, vy, vz; // d(u, v)/d(camera-space point): SOP uz = vz = 0
        if (pose.camera() == Pose.Camera.SOP) {
            ux = s;
            vy = -s;
            uz = 0;
            vz = 0;
            proj[0] = s * qx + pose.tx();
            proj[1] = pose.ty() - s * qy;
        } else {
            double f = pose.focal(), cX = qx + pose.tx(), cY = qy + pose.ty(), q = -(qz + pose.tz());
            ux = f / q;
            uz = f * cX / (q * q);
            vy = -f / q;
            vz = -f * cY / (q * q);
            proj[0] = pose.cx() + f * cX / q;
            proj[1] = pose.cy() - f * cY / q;
        }
        proj[2] = -s * qz;
        for (int a = 0; a < 3; a++) {
            jac[a] = ux * r[a] + uz * r[6 + a];
            jac[3 + a] = vy * r[3 + a] + vz * r[6 + a];
            jac[6 + a] = -s * r[6 + a];
        }
        // rotation columns: dq/dw = (0, -qz, qy), (qz, 0, -qx), (-qy, qx, 0)
        jp[0] = uz * qy;
        jp[1] = ux * qz - uz * qx;
        jp[2] = -ux * qy;
        jp[6] = -vy * qz + vz * qy;
        jp[7] = -vz * qx;
        jp[8] = vy * qx;
        jp[12] = -s * qy;
        jp[13] = s * qx;
        jp[14] = 0;
        if (pose.camera() == Pose.Camera.SOP) {
            // log-scale, tx, ty
            jp[3] = s * qx;
            jp[4] = 1;
            jp[5] = 0;
            jp[9] = -s * qy;
            jp[10] = 0;
            jp[11] = 1;
            jp[15] = -s * qz;
        } else {
            // camera-space translation
            jp[3] = ux;
            jp[4] = 0;
            jp[5] = uz;
            jp[9] = 0;
            jp[10] = vy;
            jp[11] = vz;
            jp[15] = 0;
        }
        jp[16] = 0;
        jp[17] = 0;
    }
}
