package io.face3d.core.geom;

import java.util.Arrays;

/**
 * A face's pose and camera (CONVENTIONS.md). {@code rotation} (row-major 3x3) maps model space to camera space.
 * <ul>
 * <li>Scaled orthographic (SOP): u = s (R p)_x + tx, v = ty - s (R p)_y; {@code tz} and {@code focal} unused.</li>
 * <li>Perspective: camera-space point P = R p + (tx, ty, tz) in mm, tz &lt; 0; u = cx + f X / (-Z),
 * v = cy - f Y / (-Z); {@code scale} is then the image scale f / (-Z) at the face centre, for reporting.</li>
 * </ul>
 */
public record Pose(Camera camera, double[] rotation, double scale, double tx, double ty, double tz,
                   double focal, double cx, double cy) {

    public enum Camera { SOP, PERSPECTIVE }

    public Pose {
        if (rotation == null || rotation.length != 9) {
            throw new IllegalArgumentException("rotation must be a row-major 3x3 array");
        }
        rotation = rotation.clone();
    }

    public static Pose sop(double[] rotation, double scale, double tx, double ty) {
        return new Pose(Camera.SOP, rotation, scale, tx, ty, 0, Double.NaN, 0, 0);
    }

    public static Pose perspective(double[] rotation, double tx, double ty, double tz, double focal, double cx, double cy) {
        return new Pose(Camera.PERSPECTIVE, rotation, focal / -tz, tx, ty, tz, focal, cx, cy);
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    /** {yaw, pitch, roll} in degrees. */
    public double[] eulerDegrees() {
        return Rotation.toEulerDegrees(rotation);
    }

    /**
     * Projects model-space points (x, y, z interleaved) to image pixels (u, v interleaved).
     * {@code out} must hold 2 * n values.
     */
    public void project(float[] points, int n, double[] out) {
        double[] r = rotation;
        for (int i = 0; i < n; i++) {
            double x = points[3 * i], y = points[3 * i + 1], z = points[3 * i + 2];
            double cxp = r[0] * x + r[1] * y + r[2] * z;
            double cyp = r[3] * x + r[4] * y + r[5] * z;
            if (camera == Camera.SOP) {
                out[2 * i] = scale * cxp + tx;
                out[2 * i + 1] = ty - scale * cyp;
            } else {
                double czp = r[6] * x + r[7] * y + r[8] * z + tz;
                double w = focal / -czp;
                out[2 * i] = cx + w * (cxp + tx);
                out[2 * i + 1] = cy - w * (cyp + ty);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pose p && camera == p.camera && Arrays.equals(rotation, p.rotation)
            && Double.compare(scale, p.scale) == 0 && Double.compare(tx, p.tx) == 0 && Double.compare(ty, p.ty) == 0
            && Double.compare(tz, p.tz) == 0 && Double.compare(focal, p.focal) == 0
            && Double.compare(cx, p.cx) == 0 && Double.compare(cy, p.cy) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rotation) * 31 + Double.hashCode(scale) + camera.hashCode();
    }

    @Override
    public String toString() {
        double[] e = eulerDegrees();
        return String.format("Pose[%s yaw=%.2f pitch=%.2f roll=%.2f s=%.4g t=(%.2f, %.2f, %.2f)]",
            camera, e[0], e[1], e[2], scale, tx, ty, tz);
    }
}
