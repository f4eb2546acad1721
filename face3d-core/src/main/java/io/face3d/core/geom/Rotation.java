package io.face3d.core.geom;

/**
 * Rotations as row-major 3x3 arrays and the Euler convention of CONVENTIONS.md:
 * R = Rz(roll) * Ry(yaw) * Rx(pitch), angles in degrees, the usual right-handed matrices about the camera axes.
 */
public final class Rotation {
    private Rotation() {
    }

    /** Row-major R = Rz(roll) Ry(yaw) Rx(pitch) from angles in degrees. */
    public static double[] fromEulerDegrees(double yaw, double pitch, double roll) {
        double y = Math.toRadians(yaw), p = Math.toRadians(pitch), r = Math.toRadians(roll);
        double cy = Math.cos(y), sy = Math.sin(y), cp = Math.cos(p), sp = Math.sin(p), cr = Math.cos(r), sr = Math.sin(r);
        return new double[] {
            cr * cy, cr * sy * sp - sr * cp, cr * sy * cp + sr * sp,
            sr * cy, sr * sy * sp + cr * cp, sr * sy * cp - cr * sp,
            -sy, cy * sp, cy * cp};
    }

    /**
     * Angles {yaw, pitch, roll} in degrees of a rotation built as Rz(roll) Ry(yaw) Rx(pitch). At gimbal lock
     * (|yaw| = 90) roll is set to 0 and pitch absorbs the remaining rotation.
     */
    public static double[] toEulerDegrees(double[] r) {
        double sy = -r[6];
        double yaw = Math.asin(Math.max(-1, Math.min(1, sy)));
        double pitch, roll;
        if (Math.abs(sy) < 1 - 1e-9) {
            pitch = Math.atan2(r[7], r[8]);
            roll = Math.atan2(r[3], r[0]);
        } else {
            roll = 0;
            pitch = Math.atan2(sy * r[1], r[4]);
        }
        return new double[] {Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll)};
    }

    /** Product a * b of row-major 3x3 matrices. */
    public static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    public static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    /** Angle in degrees of the relative rotation a^T b (geodesic distance on SO(3)). */
    public static double angleBetweenDegrees(double[] a, double[] b) {
        double[] rel = multiply(transpose(a), b);
        double c = (rel[0] + rel[4] + rel[8] - 1) / 2;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** Rotation about a unit axis by an angle in radians (Rodrigues' formula). */
    public static double[] axisAngle(double ax, double ay, double az, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        return new double[] {
            t * ax * ax + c, t * ax * ay - s * az, t * ax * az + s * ay,
            t * ax * ay + s * az, t * ay * ay + c, t * ay * az - s * ax,
            t * ax * az - s * ay, t * ay * az + s * ax, t * az * az + c};
    }
}
