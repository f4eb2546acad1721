package io.face3d.learn.data;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Spread2;

/**
 * The normalisation of 2D landmark input shared by every lifter, the training data and the benchmark.
 *
 * <p>Given 68 image points (u, v) in pixels (y down), the normalised point is
 * {@code x = (u - cu) / s, y = -(v - cv) / s}, where (cu, cv) is the centroid of the points and
 * {@code s = sqrt(mean |p - c|^2)} their RMS distance to it. So the normalised points have zero mean, unit RMS
 * radius, and the frame is right-handed with y up and z toward the viewer (camera space of CONVENTIONS.md,
 * up to scale and translation). The depth a lifter recovers is in the same units and is mapped back to pixels by
 * {@link #depthToPixels(double)}.
 *
 * @param cu    centroid u, pixels
 * @param cv    centroid v, pixels
 * @param scale RMS radius, pixels
 */
public record Normalisation(double cu, double cv, double scale) {
    public Normalisation {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(cu) || !Double.isFinite(cv)) {
            throw new Face3dException("2D landmarks are degenerate (all at one point or not finite): check the input points");
        }
    }

    /** Normalisation of interleaved (u, v) points. */
    public static Normalisation of(double[] uv) {
        int n = uv.length / 2;
        if (n < 3 || uv.length % 2 != 0) {
            throw new Face3dException("expected interleaved (x, y) landmarks, got " + uv.length + " numbers");
        }
        Spread2 spread = Spread2.of(n, k -> uv[k]);
        return new Normalisation(spread.cx(), spread.cy(), spread.rms());
    }

    /** Normalised (x, y up) of pixel points. */
    public double[] apply(double[] uv) {
        double[] out = new double[uv.length];
        for (int i = 0; i < uv.length / 2; i++) {
            out[2 * i] = (uv[2 * i] - cu) / scale;
            out[2 * i + 1] = -(uv[2 * i + 1] - cv) / scale;
        }
        return out;
    }

    /** Pixel (u, v) of a normalised (x, y). */
    public double u(double x) {
        return cu + scale * x;
    }

    public double v(double y) {
        return cv - scale * y;
    }

    /**
     * Pixel-scaled depth of a normalised depth (z toward the viewer) in the MediaPipe convention of schema L's
     * pixel-scaled z: same scale as x and y, smaller = closer to the camera, so (u, v, z) is right-handed.
     */
    public double depthToPixels(double z) {
        return -scale * z;
    }
}
