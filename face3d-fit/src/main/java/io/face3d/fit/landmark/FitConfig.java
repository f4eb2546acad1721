package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;

/**
 * Settings of the {@link LandmarkFitter}; validates itself.
 *
 * @param camera            SOP (scaled orthographic) or PERSPECTIVE
 * @param focal             perspective focal length in pixels; NaN = estimate it (1-D search, see PoseEstimator)
 * @param noise             detector noise per landmark group: point weights and identity prior strength
 * @param maxIterations     outer pose / identity / expression alternations
 * @param tolerance         stop when the MAP objective falls by less than this fraction between iterations
 * @param contour           re-assign jaw points 0-16 to occluding-contour vertices each iteration
 * @param robust            IRLS reweighting of points
 * @param robustK           Huber/Tukey threshold in units of the robust residual scale
 * @param expressionSigma   prior std of each expression weight (MAP term ||w||^2 / expressionSigma^2)
 * @param expressionRate    rate of an exponential prior on each weight (MAP term expressionRate * sum w): most
 *                          expressions are inactive in a photo, so weights that explain less than this are set to 0
 * @param depthSigma        std of the FaceMesh z term as a fraction of the IOD (large = weak)
 * @param fitShape          false = pose only on the mean face (the benchmark's floor)
 * @param identityLimit     identity coefficients are kept within +- this many standard deviations
 * @param calibrateNoise    estimate the landmark noise from the fit's residuals ({@link NoiseCalibration}), starting
 *                          from {@code noise} as a hint; false = take {@code noise} as given
 */
public record FitConfig(Pose.Camera camera, double focal, NoiseModel noise, int maxIterations, double tolerance,
                        boolean contour, Robust robust, double robustK, double expressionSigma, double expressionRate,
                        double depthSigma, boolean fitShape, double identityLimit, boolean calibrateNoise) {

    /** Point reweighting of iteratively reweighted least squares. */
    public enum Robust { NONE, HUBER, TUKEY }

    /** Default rate of the exponential expression prior (objective units, i.e. squared sigmas). */
    public static final double EXPRESSION_RATE = 2;

    public FitConfig {
        if (camera == null || noise == null || robust == null) {
            throw new IllegalArgumentException("camera, noise and robust must be set");
        }
        if (!Double.isNaN(focal) && !(focal > 0 && Double.isFinite(focal))) {
            throw new IllegalArgumentException("focal must be positive pixels or NaN (estimate), got " + focal);
        }
        if (maxIterations < 1 || maxIterations > 1000) {
            throw new IllegalArgumentException("maxIterations must be in [1, 1000], got " + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (!(robustK > 0) || !(expressionSigma > 0) || !(depthSigma > 0) || !(expressionRate >= 0)) {
            throw new IllegalArgumentException("robustK, expressionSigma and depthSigma must be positive, "
                + "expressionRate >= 0");
        }
        if (!(identityLimit > 0 && identityLimit <= 4)) {
            throw new IllegalArgumentException("identityLimit must be in (0, 4], got " + identityLimit);
        }
    }

    /**
     * The defaults: SOP, dlib noise, contour and Huber on, 30 iterations, tolerance 1e-3. FaceMesh depth sigma 1 IOD
     * (weak): at 0.15 the 468 z values (relative, pixel-scaled depths whose error repeats face after face) pulled
     * the identity to |alpha| ~ 6 on photo-like renders, median dense RMSE 6.2 mm against the mean face's 4.25 with
     * the perspective camera and 4.30 with SOP; at 1 IOD 4.18 and 4.20 mm, rotation error 4.1 / 5.6 degrees
     * (40 renders, seeds 3000-3039, MediaPipe, bench renders' pipeline).
     */
    public static FitConfig defaults() {
        return new FitConfig(Pose.Camera.SOP, Double.NaN, NoiseModel.DETECTOR_LIKE, 30, 1e-3, true, Robust.HUBER, 2.5, 0.25,
            EXPRESSION_RATE, 1.0, true, 4, true);
    }

    /**
     * The benchmark's baseline: a plain alternating linear fit to all 68 landmarks at their fixed vertices (no
     * contour, no robust weights, no noise estimate), with the given noise's prior.
     */
    public static FitConfig plainBaseline(NoiseModel noise) {
        return defaults().withNoise(noise).withContour(false).withRobust(Robust.NONE).withNoiseCalibration(false);
    }

    public FitConfig withCamera(Pose.Camera c, double f) {
        return new FitConfig(c, f, noise, maxIterations, tolerance, contour, robust, robustK, expressionSigma,
            expressionRate, depthSigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withNoise(NoiseModel n) {
        return new FitConfig(camera, focal, n, maxIterations, tolerance, contour, robust, robustK, expressionSigma,
            expressionRate, depthSigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withContour(boolean on) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, on, robust, robustK, expressionSigma,
            expressionRate, depthSigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withRobust(Robust r) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, contour, r, robustK, expressionSigma,
            expressionRate, depthSigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withFitShape(boolean on) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, contour, robust, robustK, expressionSigma,
            expressionRate, depthSigma, on, identityLimit, calibrateNoise);
    }

    public FitConfig withExpressionPrior(double sigma, double rate) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, contour, robust, robustK, sigma, rate,
            depthSigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withDepthSigma(double sigma) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, contour, robust, robustK, expressionSigma,
            expressionRate, sigma, fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withIterations(int max, double tol) {
        return new FitConfig(camera, focal, noise, max, tol, contour, robust, robustK, expressionSigma, expressionRate, depthSigma,
            fitShape, identityLimit, calibrateNoise);
    }

    public FitConfig withNoiseCalibration(boolean on) {
        return new FitConfig(camera, focal, noise, maxIterations, tolerance, contour, robust, robustK, expressionSigma,
            expressionRate, depthSigma, fitShape, identityLimit, on);
    }
}
