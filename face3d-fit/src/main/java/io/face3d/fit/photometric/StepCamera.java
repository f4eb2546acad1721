package io.face3d.fit.photometric;

import io.face3d.core.geom.Rotation;
import io.face3d.fit.render.SphericalHarmonics;

/**
 * The camera of one geometry step of {@link PhotometricFitter}, in its work frame, and the derivatives of a
 * projected model point with respect to the step's unknowns: a rotation increment omega (left-multiplied,
 * R' = R(omega) R), the translation (perspective: tx, ty, tz; SOP: log-scale, tx, ty), then the shape
 * coefficients. Perspective: u = cx - f X / Z, v = cy + f Y / Z (camera point (X, Y, Z) = R p + t); SOP:
 * u = s x_r + tx, v = ty - s y_r. Work-frame coordinates are multiplied by {@code factor} (the pyramid level).
 * The rotation is row-major and not copied.
 */
record StepCamera(boolean perspective, double[] rotation, double tx, double ty, double tz, double scaleOrFocal,
                  double cx, double cy) {
    /** The rotation after a step (null = now): R(omega) R, omega = delta[0..3) as an axis-angle vector. */
    double[] rotationAfter(double[] delta) {
        if (delta == null) {
            return rotation;
        }
        double angle = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
        if (angle < 1e-12) {
            return rotation;
        }
        return Rotation.multiply(Rotation.axisAngle(delta[0] / angle, delta[1] / angle, delta[2] / angle, angle),
            rotation);
    }

    /** Projects model point p with rotation rot and the translation after a step (null = now), times factor. */
    void project(double[] p, double[] rot, double[] delta, double factor, double[] uv) {
        double xr = rot[0] * p[0] + rot[1] * p[1] + rot[2] * p[2];
        double yr = rot[3] * p[0] + rot[4] * p[1] + rot[5] * p[2];
        if (perspective) {
            double zr = rot[6] * p[0] + rot[7] * p[1] + rot[8] * p[2];
            double X = xr + tx + (delta == null ? 0 : delta[3]), Y = yr + ty + (delta == null ? 0 : delta[4]);
            double Z = zr + tz + (delta == null ? 0 : delta[5]);
            uv[0] = factor * (cx - scaleOrFocal * X / Z);
            uv[1] = factor * (cy + scaleOrFocal * Y / Z);
        } else {
            double s = scaleOrFocal * (delta == null ? 1 : Math.exp(delta[3]));
            uv[0] = factor * (s * xr + tx + (delta == null ? 0 : delta[4]));
            uv[1] = factor * (ty + (delta == null ? 0 : delta[5]) - s * yr);
        }
    }

    /**
     * Rows d(u, v)/d(step unknowns) at model point p (at the current step, delta = 0), times factor. The shape
     * columns are d p / d k read from {@code basis[row + axis * shapeParams + k]}; d0 and d1 hold 6 + shapeParams.
     */
    void jacobian(double[] p, double factor, double[] basis, int row, int shapeParams, double[] d0, double[] d1) {
        double[] r = rotation;
        double xr = r[0] * p[0] + r[1] * p[1] + r[2] * p[2];
        double yr = r[3] * p[0] + r[4] * p[1] + r[5] * p[2];
        double zr = r[6] * p[0] + r[7] * p[1] + r[8] * p[2];
        // m = d(u, v)/d(camera point) (2 x 3)
        double m00, m01, m02, m10, m11, m12;
        if (perspective) {
            double X = xr + tx, Y = yr + ty, Z = zr + tz, f = scaleOrFocal;
            m00 = -f / Z; m01 = 0; m02 = f * X / (Z * Z);
            m10 = 0; m11 = f / Z; m12 = -f * Y / (Z * Z);
        } else {
            double s = scaleOrFocal;
            m00 = s; m01 = 0; m02 = 0;
            m10 = 0; m11 = -s; m12 = 0;
        }
        // rotation increment: d(R p)/d omega = -[R p]x
        double[] q = {xr, yr, zr};
        double[][] cross = {{0, q[2], -q[1]}, {-q[2], 0, q[0]}, {q[1], -q[0], 0}};
        for (int a = 0; a < 3; a++) {
            d0[a] = factor * (m00 * cross[0][a] + m01 * cross[1][a] + m02 * cross[2][a]);
            d1[a] = factor * (m10 * cross[0][a] + m11 * cross[1][a] + m12 * cross[2][a]);
        }
        if (perspective) {
            d0[3] = factor * m00; d0[4] = factor * m01; d0[5] = factor * m02;
            d1[3] = factor * m10; d1[4] = factor * m11; d1[5] = factor * m12;
        } else {
            double s = scaleOrFocal;
            d0[3] = factor * s * xr; d0[4] = factor; d0[5] = 0;
            d1[3] = -factor * s * yr; d1[4] = 0; d1[5] = factor;
        }
        // shape: m R basis
        double a0 = factor * (m00 * r[0] + m01 * r[3] + m02 * r[6]);
        double a1 = factor * (m00 * r[1] + m01 * r[4] + m02 * r[7]);
        double a2 = factor * (m00 * r[2] + m01 * r[5] + m02 * r[8]);
        double b0 = factor * (m10 * r[0] + m11 * r[3] + m12 * r[6]);
        double b1 = factor * (m10 * r[1] + m11 * r[4] + m12 * r[7]);
        double b2 = factor * (m10 * r[2] + m11 * r[5] + m12 * r[8]);
        int rx = row, ry = rx + shapeParams, rz = ry + shapeParams;
        for (int k = 0; k < shapeParams; k++) {
            double bx = basis[rx + k], by = basis[ry + k], bz = basis[rz + k];
            d0[6 + k] = a0 * bx + a1 * by + a2 * bz;
            d1[6 + k] = b0 * bx + b1 * by + b2 * bz;
        }
    }

    /**
     * Subtracts from {@code row} the derivative of albedo rho times channel c's irradiance E(n) of a vertex whose
     * camera-space unit normal is n: a rotation increment turns n by omega x n, so dE/d omega = n x dE/dn; a shape
     * change turns the model-space normal by dn_k ({@code normalJacobian[at + axis * shapeParams + k]}), so
     * dE/dk = (R^T dE/dn) . dn_k. {@code dn} is scratch (3).
     */
    void subtractShading(double nx, double ny, double nz, double[] light, int c, double rho, double[] normalJacobian,
                         int at, int shapeParams, double[] dn, double[] row) {
        SphericalHarmonics.gradient(nx, ny, nz, light, c, dn);
        row[0] -= rho * (ny * dn[2] - nz * dn[1]);
        row[1] -= rho * (nz * dn[0] - nx * dn[2]);
        row[2] -= rho * (nx * dn[1] - ny * dn[0]);
        double[] rot = rotation;
        double gx = rot[0] * dn[0] + rot[3] * dn[1] + rot[6] * dn[2];
        double gy = rot[1] * dn[0] + rot[4] * dn[1] + rot[7] * dn[2];
        double gz = rot[2] * dn[0] + rot[5] * dn[1] + rot[8] * dn[2];
        for (int k = 0; k < shapeParams; k++) {
            row[6 + k] -= rho * (gx * normalJacobian[at + k] + gy * normalJacobian[at + shapeParams + k]
                + gz * normalJacobian[at + 2 * shapeParams + k]);
        }
    }
}
