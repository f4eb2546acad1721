package io.face3d.fit.render;

/**
 * Distribution of the synthetic faces drawn by {@link SyntheticFaceRenderer}.
 *
 * @param width          image width, px
 * @param height         image height, px
 * @param maxYaw         yaw drawn uniformly in [-maxYaw, maxYaw], degrees
 * @param maxPitch       pitch range, degrees
 * @param maxRoll        roll range, degrees
 * @param identitySigma  identity coefficients ~ N(0, identitySigma^2), clipped to +-3
 * @param maxExpressions 0..maxExpressions active blendshapes (one-sided ones included), weights in [0.2, 1]
 * @param noiseSigma     sensor noise standard deviation, 0..255 levels
 * @param minFaceWidth   smallest face width (ear to ear of the full face area) as a fraction of the image width
 * @param maxFaceWidth   largest face width fraction
 * @param supersampling  samples per pixel along each axis (anti-aliasing)
 */
public record SyntheticFaceConfig(int width, int height, double maxYaw, double maxPitch, double maxRoll,
                                  double identitySigma, int maxExpressions, double noiseSigma, double minFaceWidth,
                                  double maxFaceWidth, int supersampling) {
    public SyntheticFaceConfig {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("image must be at least 64x64, got " + width + "x" + height);
        }
        if (maxYaw < 0 || maxYaw > 80 || maxPitch < 0 || maxPitch > 45 || maxRoll < 0 || maxRoll > 45) {
            throw new IllegalArgumentException("angle ranges must be within yaw 80, pitch 45, roll 45 degrees");
        }
        if (identitySigma < 0 || maxExpressions < 0 || noiseSigma < 0) {
            throw new IllegalArgumentException("identitySigma, maxExpressions and noiseSigma must be >= 0");
        }
        if (!(minFaceWidth > 0 && minFaceWidth <= maxFaceWidth && maxFaceWidth <= 1)) {
            throw new IllegalArgumentException("face width fractions must satisfy 0 < min <= max <= 1");
        }
        if (supersampling < 1 || supersampling > 4) {
            throw new IllegalArgumentException("supersampling must be 1..4");
        }
    }

    /** 512x512 photos, yaw +-45, pitch +-20, roll +-15, up to 4 expressions, noise 3 levels, 2x2 supersampling. */
    public static SyntheticFaceConfig defaults() {
        return new SyntheticFaceConfig(512, 512, 45, 20, 15, 1.0, 4, 3.0, 0.45, 0.7, 2);
    }

    public SyntheticFaceConfig withSize(int w, int h) {
        return new SyntheticFaceConfig(w, h, maxYaw, maxPitch, maxRoll, identitySigma, maxExpressions, noiseSigma,
            minFaceWidth, maxFaceWidth, supersampling);
    }

    public SyntheticFaceConfig withAngles(double yaw, double pitch, double roll) {
        return new SyntheticFaceConfig(width, height, yaw, pitch, roll, identitySigma, maxExpressions, noiseSigma,
            minFaceWidth, maxFaceWidth, supersampling);
    }
}
