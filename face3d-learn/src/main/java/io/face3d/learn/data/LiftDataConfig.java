package io.face3d.learn.data;

/**
 * How synthetic lifting data is drawn (see {@link LiftDataGenerator}).
 *
 * @param maxYaw              yaw uniform in [-maxYaw, maxYaw], degrees
 * @param maxPitch            pitch uniform in [-maxPitch, maxPitch]
 * @param maxRoll             roll uniform in [-maxRoll, maxRoll]
 * @param perspectiveFraction share of faces projected in perspective (the rest scaled orthographic)
 * @param minFov              smallest horizontal field of view of the perspective camera, degrees
 * @param maxFov              largest field of view
 * @param maxNoise            2D noise standard deviation uniform in [0, maxNoise] times the RMS radius of the points
 * @param neutralFraction     share of faces with no expression
 * @param maxExpressions      at most this many blendshapes active at once (each one-sided or symmetric as in ICT)
 * @param imageSize           width = height of the virtual image, pixels
 */
public record LiftDataConfig(double maxYaw, double maxPitch, double maxRoll, double perspectiveFraction, double minFov,
                             double maxFov, double maxNoise, double neutralFraction, int maxExpressions, int imageSize) {
    public LiftDataConfig {
        if (maxYaw < 0 || maxYaw > 90 || maxPitch < 0 || maxPitch > 90 || maxRoll < 0 || maxRoll > 180) {
            throw new IllegalArgumentException("pose ranges must be within yaw [0, 90], pitch [0, 90], roll [0, 180]");
        }
        if (perspectiveFraction < 0 || perspectiveFraction > 1 || neutralFraction < 0 || neutralFraction > 1) {
            throw new IllegalArgumentException("fractions must be in [0, 1]");
        }
        if (!(minFov > 0) || maxFov < minFov || maxFov >= 170) {
            throw new IllegalArgumentException("field of view range must satisfy 0 < minFov <= maxFov < 170");
        }
        if (maxNoise < 0 || maxExpressions < 0 || imageSize < 16) {
            throw new IllegalArgumentException("maxNoise and maxExpressions must be >= 0, imageSize >= 16");
        }
    }

    /** The training distribution: yaw +-90, pitch +-30, roll +-30, half perspective (FOV 20-70 degrees). */
    public static LiftDataConfig defaults() {
        return new LiftDataConfig(90, 30, 30, 0.5, 20, 70, 0.02, 0.25, 4, 1000);
    }

    public LiftDataConfig withNoise(double noise) {
        return new LiftDataConfig(maxYaw, maxPitch, maxRoll, perspectiveFraction, minFov, maxFov, noise, neutralFraction,
            maxExpressions, imageSize);
    }
}
