package io.face3d.learn.data;

/**
 * What the networks learn, in normalised units (see {@link Normalisation} for the input side).
 * <ul>
 * <li>Depth (regression target): z of each camera-space point, centred on the landmarks' centroid and divided by
 * the RMS radius of the camera-space x, y; under an orthographic camera this is exactly the scale of the
 * normalised 2D input, so (x, y, z) is the face up to noise.</li>
 * <li>Distance (Deep-MDS target): the 3D distance |P_i - P_j| divided by the RMS radius of the 3D points, a
 * scale that does not depend on pose.</li>
 * <li>Canonical view (autoencoder target): the frontal (identity rotation) orthographic view of the same face,
 * normalised like an input.</li>
 * </ul>
 */
public final class LiftTargets {
    private LiftTargets() {
    }

    /** Normalised depth of each point (n values) of camera-space points (3 n values). */
    public static double[] depth(double[] camera3d) {
        int n = camera3d.length / 3;
        double[] c = centroid(camera3d);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double x = camera3d[3 * i] - c[0], y = camera3d[3 * i + 1] - c[1];
            ss += x * x + y * y;
        }
        double s = Math.sqrt(ss / n);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (camera3d[3 * i + 2] - c[2]) / s;
        }
        return z;
    }

    /** RMS radius of 3D points about their centroid. */
    public static double rmsRadius3d(double[] p) {
        int n = p.length / 3;
        double[] c = centroid(p);
        double ss = 0;
        for (int i = 0; i < 3 * n; i++) {
            double d = p[i] - c[i % 3];
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    /** Normalised 3D distance of pair (i, j) for each pair in {@link Pairs} order. */
    public static double[] distances(double[] p) {
        int n = p.length / 3;
        double s = rmsRadius3d(p);
        double[] d = new double[Pairs.count(n)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
                d[k++] = Math.sqrt(dx * dx + dy * dy + dz * dz) / s;
            }
        }
        return d;
    }

    /**
     * Normalised 3D distances ({@link #distances}) of a lift: the normalised 2D points with a depth per point. With
     * the true depth ({@link #depth}) this is the Deep-MDS training target: the 3D distances of the face as observed
     * (the input's x, y; the depth refinement keeps them), so the 2D noise, which no network can predict, is not in
     * the target; with the aligned mean face's depth it is the baseline the distance network corrects.
     *
     * @param xy normalised points (x, y interleaved)
     * @param z  depth of each point, same units
     */
    public static double[] liftDistances(double[] xy, double[] z) {
        return distances(withDepth(xy, z));
    }

    /** n x 3 points (x, y, z interleaved) from n normalised 2D points and a depth for each. */
    public static double[] withDepth(double[] xy, double[] z) {
        double[] p = new double[3 * z.length];
        for (int i = 0; i < z.length; i++) {
            p[3 * i] = xy[2 * i];
            p[3 * i + 1] = xy[2 * i + 1];
            p[3 * i + 2] = z[i];
        }
        return p;
    }

    /** The frontal orthographic view of model-space points, normalised like an input (y up already). */
    public static double[] canonicalView(double[] model3d) {
        int n = model3d.length / 3;
        double[] uv = new double[2 * n];
        for (int i = 0; i < n; i++) {
            uv[2 * i] = model3d[3 * i];
            uv[2 * i + 1] = -model3d[3 * i + 1]; // to image v (down), so Normalisation flips it back up
        }
        return Normalisation.of(uv).apply(uv);
    }

    static double[] centroid(double[] p) {
        int n = p.length / 3;
        double[] c = new double[3];
        for (int i = 0; i < 3 * n; i++) {
            c[i % 3] += p[i] / n;
        }
        return c;
    }
}
