package io.face3d.fit.landmark;

import io.face3d.core.Face3dException;

/**
 * What the fitter sees of one image: 68 iBUG points in pixels, optionally per-point weights and the 468 dense
 * FaceMesh points with pixel-scaled z. The constructor rejects input no fit can explain (CONVENTIONS.md exit 2).
 *
 * @param points  u, v per landmark, 136 values, iBUG order
 * @param weights 68 non-negative confidences (multiplying 1/sigma^2), or null for all 1
 * @param dense   x, y, z per FaceMesh point (1404 values, MediaPipe order), or null
 * @param width   image width in pixels, or 0 if unknown
 * @param height  image height in pixels, or 0 if unknown
 */
public record LandmarkObservation(double[] points, double[] weights, double[] dense, int width, int height) {

    /** Faces narrower than this (bounding box of the 68 points) carry no usable shape information. */
    public static final double MIN_FACE_PX = 20;

    public LandmarkObservation {
        if (points == null || points.length != 136) {
            throw new Face3dException("expected 68 landmarks (136 numbers), got "
                + (points == null ? 0 : points.length / 2) + ": give all 68 iBUG points");
        }
        points = points.clone();
        for (double p : points) {
            if (!Double.isFinite(p)) {
                throw new Face3dException("a landmark coordinate is NaN or infinite: fix the landmark file");
            }
        }
        if (weights != null) {
            if (weights.length != 68) {
                throw new Face3dException("expected 68 landmark weights, got " + weights.length);
            }
            weights = weights.clone();
            for (double w : weights) {
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new Face3dException("landmark weights must be finite and >= 0, got " + w);
                }
            }
        }
        if (dense != null) {
            if (dense.length != 3 * 468) {
                throw new Face3dException("expected 468 dense FaceMesh points (x, y, z), got " + dense.length / 3);
            }
            dense = dense.clone();
            for (double p : dense) {
                if (!Double.isFinite(p)) {
                    throw new Face3dException("a dense FaceMesh coordinate is NaN or infinite: fix the landmark file");
                }
            }
        }
        if (width < 0 || height < 0) {
            throw new Face3dException("image size must be >= 0, got " + width + " x " + height);
        }
        checkGeometry(points, width, height);
    }

    public static LandmarkObservation of(double[] points) {
        return new LandmarkObservation(points, null, null, 0, 0);
    }

    private static void checkGeometry(double[] p, int width, int height) {
        double mx = 0, my = 0;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 68; i++) {
            mx += p[2 * i] / 68;
            my += p[2 * i + 1] / 68;
            minX = Math.min(minX, p[2 * i]);
            maxX = Math.max(maxX, p[2 * i]);
            minY = Math.min(minY, p[2 * i + 1]);
            maxY = Math.max(maxY, p[2 * i + 1]);
        }
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < 68; i++) {
            double dx = p[2 * i] - mx, dy = p[2 * i + 1] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        // eigenvalues of the 2x2 scatter: a face spans two dimensions; points on a line do not
        double tr = sxx + syy, det = sxx * syy - sxy * sxy;
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        double big = tr / 2 + disc, small = tr / 2 - disc;
        if (big <= 1e-12) {
            throw new Face3dException("all 68 landmarks are at the same position: the landmark file is broken");
        }
        int far = io.face3d.core.geom.Outliers.farthestAlone(p, 2);
        if (small < 1e-4 * big && far >= 0) {
            throw new Face3dException(String.format(java.util.Locale.ROOT, "landmark %d at (%.4g, %.4g) lies far from "
                + "all the others: the landmark file is broken (check that point)", far, p[2 * far], p[2 * far + 1]));
        }
        if (small < 1e-4 * big) {
            throw new Face3dException("the 68 landmarks lie on a line: the landmark file is broken");
        }
        double size = Math.max(maxX - minX, maxY - minY);
        if (size < MIN_FACE_PX) {
            throw new Face3dException(String.format(java.util.Locale.ROOT,
                "the face is %.1f px wide, too small to fit (need at least %.0f px): use a larger image", size,
                MIN_FACE_PX));
        }
        if (width > 0 && height > 0 && (minX < -width || maxX > 2.0 * width || minY < -height || maxY > 2.0 * height)) {
            throw new Face3dException("landmarks lie far outside the " + width + " x " + height
                + " image: check the file's width/height and point units (pixels)");
        }
    }
}
