package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;

import java.util.Map;

/**
 * The fit of one image; immutable (arrays are copied in and out).
 *
 * @param pose          camera and head pose
 * @param identity      100 identity coefficients (standard deviations), within +-4
 * @param expression    57 expression weights in [0, 1], model order
 * @param fittedPoints  the 68 model landmarks reprojected, u, v per point in pixels (jaw: the contour vertices used)
 * @param landmarks3d   the 68 landmarks in model space (mm, identity + expression, no pose), x, y, z per point
 * @param residuals     per landmark, distance in pixels between given and fitted point
 * @param weights       per landmark, the final robust weight in [0, 1] (0 = treated as an outlier)
 * @param landmarkVertices the model vertex used for each of the 68 points in the last iteration
 * @param iterations    outer iterations run
 * @param converged     true if the stopping rule held before the iteration limit
 * @param timingMs      milliseconds per stage (pose, contour, identity, expression, total)
 * @param noise         the landmark noise the fit settled on (its per-group sigmas, fractions of the IOD), or null
 *                      when not known
 */
public record FitResult(Pose pose, double[] identity, double[] expression, double[] fittedPoints, double[] landmarks3d,
                        double[] residuals, double[] weights, int[] landmarkVertices, int iterations, boolean converged,
                        Map<String, Double> timingMs, NoiseModel noise) {

    /** A result without a noise estimate. */
    public FitResult(Pose pose, double[] identity, double[] expression, double[] fittedPoints, double[] landmarks3d,
                     double[] residuals, double[] weights, int[] landmarkVertices, int iterations, boolean converged,
                     Map<String, Double> timingMs) {
        this(pose, identity, expression, fittedPoints, landmarks3d, residuals, weights, landmarkVertices, iterations,
            converged, timingMs, null);
    }

    public FitResult {
        identity = identity.clone();
        expression = expression.clone();
        fittedPoints = fittedPoints.clone();
        landmarks3d = landmarks3d.clone();
        residuals = residuals.clone();
        weights = weights.clone();
        landmarkVertices = landmarkVertices.clone();
        timingMs = Map.copyOf(timingMs);
    }

    @Override
    public double[] identity() {
        return identity.clone();
    }

    @Override
    public double[] expression() {
        return expression.clone();
    }

    @Override
    public double[] fittedPoints() {
        return fittedPoints.clone();
    }

    @Override
    public double[] landmarks3d() {
        return landmarks3d.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int[] landmarkVertices() {
        return landmarkVertices.clone();
    }

    /** Root mean square of the 68 residuals in pixels. */
    public double rmsResidual() {
        double s = 0;
        for (double r : residuals) {
            s += r * r;
        }
        return Math.sqrt(s / residuals.length);
    }
}
