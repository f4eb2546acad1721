package io.face3d.fit.occlusion;

/**
 * Thresholds and schedule of the occlusion loop ({@link OcclusionAwareFitter}, {@link OcclusionDetector}).
 *
 * @param rounds            mask -> fit rounds after the first mask (the first fit uses the full photometric schedule,
 *                          later ones {@code refineIterations} iterations at the finest level from the previous fit)
 * @param refineIterations  Gauss-Newton iterations of each later round
 * @param strongResidual    a pixel is strong evidence when its photometric residual exceeds the median residual of
 *                          the face region by this many robust standard deviations (1.4826 MAD)...
 * @param weakResidual      ...and weak evidence above this many
 * @param strongSkin        ...or when its skin probability under the per-photo skin model is below this (strong)...
 * @param weakSkin          ...or below this (weak)
 * @param openRadius        morphological opening radius, fraction of the face width (removes specks and thin links)
 * @param closeRadius       closing radius, fraction of the face width (fills holes in the occluder)
 * @param minSeedFraction   a weak component is kept if it holds strong evidence pixels outside the facial features
 *                          (eyes, brows, nostrils, lips) amounting to this fraction of the face region
 * @param landmarkWeight    weight of a landmark inside the mask in the landmark terms (the others 1)
 */
public record OcclusionConfig(int rounds, int refineIterations, double strongResidual, double weakResidual,
                              double strongSkin, double weakSkin, double openRadius, double closeRadius,
                              double minSeedFraction, double landmarkWeight) {
    public OcclusionConfig {
        if (rounds < 1 || rounds > 5 || refineIterations < 1) {
            throw new IllegalArgumentException("need rounds 1..5 and refineIterations >= 1");
        }
        if (!(weakResidual > 0 && strongResidual >= weakResidual)) {
            throw new IllegalArgumentException("need 0 < weakResidual <= strongResidual");
        }
        if (!(strongSkin > 0 && weakSkin >= strongSkin && weakSkin < 1)) {
            throw new IllegalArgumentException("need 0 < strongSkin <= weakSkin < 1");
        }
        if (!(openRadius >= 0 && closeRadius >= 0 && openRadius < 0.2 && closeRadius < 0.2)) {
            throw new IllegalArgumentException("morphology radii are fractions of the face width in [0, 0.2)");
        }
        if (!(minSeedFraction >= 0 && minSeedFraction < 1 && landmarkWeight >= 0 && landmarkWeight <= 1)) {
            throw new IllegalArgumentException("need minSeedFraction in [0, 1) and landmarkWeight in [0, 1]");
        }
    }

    /** Defaults (chosen on synthetic faces of seeds 3000-3003, which the bench and tests do not use). */
    public static OcclusionConfig defaults() {
        return new OcclusionConfig(2, 2, 4.0, 3.0, 1e-3, 0.02, 0.015, 0.03, 0.004, 0.1);
    }
}
