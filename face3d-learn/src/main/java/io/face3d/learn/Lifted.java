package io.face3d.learn;

import io.face3d.learn.data.Normalisation;

/**
 * 3D landmarks in the frame of the 2D input: x, y are the input pixels (or, for a lifter that recovers a rigid
 * shape, that shape's x, y after its similarity fit to the input) and z is the recovered depth in pixels,
 * in the convention of schema L's pixel-scaled z (MediaPipe's): smaller z is closer to the camera, so (x, y, z) is
 * right-handed with y down; z is zero at the landmarks' mean.
 *
 * @param points3d 3 n values (x, y, z) interleaved, pixels
 */
public record Lifted(double[] points3d) {
    /** From normalised 3D points (x, y up, z toward the viewer; 3 n values). */
    public static Lifted fromNormalised(Normalisation norm, double[] normalised3d) {
        int n = normalised3d.length / 3;
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            p[3 * i] = norm.u(normalised3d[3 * i]);
            p[3 * i + 1] = norm.v(normalised3d[3 * i + 1]);
            p[3 * i + 2] = norm.depthToPixels(normalised3d[3 * i + 2]);
        }
        return new Lifted(p);
    }

    /** The points as a right-handed frame with y up and z toward the viewer (camera space up to scale). */
    public double[] cameraFrame() {
        double[] c = points3d.clone();
        for (int i = 0; i < c.length / 3; i++) {
            c[3 * i + 1] = -c[3 * i + 1];
            c[3 * i + 2] = -c[3 * i + 2];
        }
        return c;
    }
}
