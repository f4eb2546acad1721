package io.face3d.fit.photometric;

/**
 * Weights and schedule of the photometric refinement. Defaults follow Deng et al. 2019 ("Accurate 3D face
 * reconstruction with weakly-supervised learning", CVPR-W; their released code's loss weights), with colours in
 * [0, 1] and landmark residuals in pixels of a 224-pixel face crop as there:
 * total = photometric * L_photo + landmark * L_lm + prior * (identityPrior ||a||^2 + expressionPrior ||w||^2
 * + albedoPrior ||rho - rho_mean||^2) + textureVariance * L_var + albedoSmoothness * L_smooth
 * + albedoSymmetry * L_sym. The last two are this implementation's (per-vertex albedo has no PCA prior).
 *
 * @param photometric        weight of the skin-weighted photometric loss (1.9)
 * @param landmark           weight of the landmark loss (1.6e-3)
 * @param prior              weight of the coefficient prior (3e-4)
 * @param identityPrior      relative weight of ||identity||^2 (1.0)
 * @param expressionPrior    relative weight of ||expression||^2 (0.8)
 * @param albedoPrior        relative weight of sum_v ||rho_v - rho_mean||^2 (1.7e-3)
 * @param textureVariance    weight of the albedo variance over skin vertices (5)
 * @param albedoSmoothness   weight of the mean squared albedo difference across mesh edges
 * @param albedoSymmetry     weight of the mean squared difference between a vertex's albedo and its mirror's
 * @param landmarkEmphasis   landmark weight of the nose (27-35) and inner-mouth (60-67) points (20; others 1)
 * @param identityModes      identity modes refined (the rest stay at their start values)
 * @param levels             pyramid levels, coarse to fine (the finest is the working resolution)
 * @param iterations         Gauss-Newton iterations per level
 * @param samples            photometric samples (visible vertices) per Gauss-Newton step at the finest level
 * @param workSize           side (px) of the face crop the fit works on (the photo is resampled to it)
 */
public record PhotometricConfig(double photometric, double landmark, double prior, double identityPrior,
                                double expressionPrior, double albedoPrior, double textureVariance,
                                double albedoSmoothness, double albedoSymmetry, double landmarkEmphasis,
                                int identityModes, int levels, int iterations, int samples, int workSize) {
    public PhotometricConfig {
        double[] w = {photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior, textureVariance,
            albedoSmoothness, albedoSymmetry, landmarkEmphasis};
        for (double v : w) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("photometric weights must be finite and >= 0");
            }
        }
        if (photometric == 0 && landmark == 0) {
            throw new IllegalArgumentException("photometric and landmark weights cannot both be 0");
        }
        if (identityModes < 0 || levels < 1 || levels > 4 || iterations < 1 || samples < 100 || workSize < 64) {
            throw new IllegalArgumentException("need identityModes >= 0, levels 1..4, iterations >= 1, samples >= 100, "
                + "workSize >= 64");
        }
    }

    /** The defaults of Deng et al. 2019 plus this implementation's albedo smoothness and symmetry. */
    public static PhotometricConfig defaults() {
        return new PhotometricConfig(1.9, 1.6e-3, 3e-4, 1.0, 0.8, 1.7e-3, 5, 20, 2, 20, 80, 2, 6, 1500, 320);
    }

    public PhotometricConfig withWeights(double photometricWeight, double landmarkWeight) {
        return new PhotometricConfig(photometricWeight, landmarkWeight, prior, identityPrior, expressionPrior,
            albedoPrior, textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels,
            iterations, samples, workSize);
    }

    public PhotometricConfig withSchedule(int levelCount, int iterationsPerLevel, int sampleCount) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levelCount,
            iterationsPerLevel, sampleCount, workSize);
    }
}
