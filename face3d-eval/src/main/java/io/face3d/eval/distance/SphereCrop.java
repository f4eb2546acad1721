package io.face3d.eval.distance;

import io.face3d.core.Face3dException;
import io.face3d.core.mesh.Mesh;

/**
 * A ball that keeps the part of a scan that is evaluated.
 *
 * @param center x, y, z, mm
 * @param radius mm
 */
public record SphereCrop(double[] center, double radius) {
    public SphereCrop {
        if (center == null || center.length != 3 || !(radius > 0) || Double.isInfinite(radius)) {
            throw new Face3dException("a crop needs a centre and a radius > 0 mm, got radius " + radius);
        }
        center = center.clone();
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    /**
     * The NoW benchmark's face mask (Sanyal et al., CVPR 2019; now_evaluation, compute_mask): centre 30% of the way
     * from the nose bottom to the midpoint of the inner eye corners, radius 1.4 times the mean of the outer-eye
     * distance and that nose length.
     *
     * @param now7 the 7 NoW landmarks, x, y, z each: outer eye corner, inner eye corner, inner eye corner, outer eye
     *             corner, nose bottom, mouth corner, mouth corner
     */
    public static SphereCrop now(double[] now7) {
        double[] bridge = new double[3], centre = new double[3];
        double eye = 0, nose = 0;
        for (int k = 0; k < 3; k++) {
            bridge[k] = 0.5 * (now7[3 + k] + now7[6 + k]);
            centre[k] = now7[12 + k] + 0.3 * (bridge[k] - now7[12 + k]);
            eye += sq(now7[k] - now7[9 + k]);
            nose += sq(bridge[k] - now7[12 + k]);
        }
        return new SphereCrop(centre, 1.4 * (Math.sqrt(eye) + Math.sqrt(nose)) / 2);
    }

    public boolean[] inside(float[] positions) {
        boolean[] keep = new boolean[positions.length / 3];
        double r2 = radius * radius;
        for (int v = 0; v < keep.length; v++) {
            double d = sq(positions[3 * v] - center[0]) + sq(positions[3 * v + 1] - center[1])
                + sq(positions[3 * v + 2] - center[2]);
            keep[v] = d <= r2;
        }
        return keep;
    }

    public Mesh apply(Mesh mesh) {
        return MeshGeometry.keepVertices(mesh, inside(mesh.positions()));
    }

    private static double sq(double v) {
        return v * v;
    }
}
