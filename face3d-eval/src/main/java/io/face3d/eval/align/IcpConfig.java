package io.face3d.eval.align;

/**
 * Settings of {@link PointToPlaneIcp}.
 *
 * @param withScale     also estimate an isotropic scale (similarity ICP)
 * @param keepFraction  fraction of the point pairs, the closest ones, that enter each step (trimmed ICP,
 *                      Chetverikov et al., ICPR 2002): at most the overlap of the two surfaces, in (0, 1]
 * @param maxIterations upper bound on Gauss-Newton steps
 * @param maxSamples    points of the moving set used per step (a random subset when there are more)
 * @param tolerance     stop when a step moves no sample by more than this (or 0.3% of the inliers' RMS), mm
 * @param seed          seed of the subset draw
 */
public record IcpConfig(boolean withScale, double keepFraction, int maxIterations, int maxSamples, double tolerance,
                        long seed) {
    public IcpConfig {
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("keepFraction must be in (0, 1], got " + keepFraction);
        }
        if (maxIterations < 1 || maxSamples < 6) {
            throw new IllegalArgumentException("maxIterations >= 1 and maxSamples >= 6 needed");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0 mm");
        }
    }

    /** Rigid (or scaled) ICP keeping the closest 90% of pairs, up to 60 steps on 5000 samples, 1e-5 mm. */
    public static IcpConfig defaults(boolean withScale) {
        return new IcpConfig(withScale, 0.9, 60, 5000, 1e-5, 1);
    }

    public IcpConfig withKeepFraction(double fraction) {
        return new IcpConfig(withScale, fraction, maxIterations, maxSamples, tolerance, seed);
    }
}
