package io.face3d.fit.photometric;

import io.face3d.core.model.Region;

/**
 * Weights and schedule of the photometric refinement. Defaults follow Deng et al. 2019 ("Accurate 3D face
 * reconstruction with weakly-supervised learning", CVPR-W; their released code's loss weights), with colours in
 * [0, 1] and landmark residuals in pixels of a 224-pixel face crop as there:
 * total = photometric * L_photo + landmark * L_lm + prior * (identityPrior ||a||^2 + expressionPrior ||w||^2
 * + albedoPrior ||rho - rho_mean||^2) + textureVariance * L_var + albedoSmoothness * L_smooth
 * + albedoSymmetry * L_sym. The last two are this implementation's (per-vertex albedo has no PCA prior).
 * With {@link AlbedoModel#REGIONAL} (the {@link #perPhoto()} default) the albedo prior, variance, smoothness and
 * symmetry terms are reported in {@link LossTerms} but not optimised: the regional albedo's few coefficients are
 * solved by least squares with their own ridge ({@link RegionalAlbedo}).
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
 * @param sampleRegion       region whose visible vertices carry the photometric term (the albedo is solved over
 *                           the full face area either way)
 * @param albedoModel        per-vertex albedo or {@link RegionalAlbedo} (with or without its feature regions)
 * @param parsing            which pixels the photometric term may use ({@link FaceParsing})
 * @param loss               the per-vertex penalty on the colour residual ({@link RobustLoss})
 * @param anchor             where the landmark term pulls the model's 68 landmark vertices
 */
public record PhotometricConfig(double photometric, double landmark, double prior, double identityPrior,
                                double expressionPrior, double albedoPrior, double textureVariance,
                                double albedoSmoothness, double albedoSymmetry, double landmarkEmphasis,
                                int identityModes, int levels, int iterations, int samples, int workSize,
                                Region sampleRegion, AlbedoModel albedoModel, FaceParsing.Mode parsing,
                                RobustLoss loss, LandmarkAnchor anchor) {
    /** Targets of the landmark term. */
    public enum LandmarkAnchor {
        /** the detected points */
        DETECTED,
        /**
         * the start's own landmark vertices as projected by the start pose: the landmark fit already weighed the
         * detected points (sliding jaw, detector offsets, noise); fixed vertices on the detected points would pull
         * the identity toward the detector's convention
         */
        START
    }

    /** How the albedo is represented. */
    public enum AlbedoModel {
        /** one colour per vertex, regularised by prior, variance, smoothness and symmetry */
        PER_VERTEX,
        /** {@link RegionalAlbedo}: a few smooth tone terms and feature regions on the model surface */
        REGIONAL,
        /** {@link RegionalAlbedo}'s smooth tone terms only (no lips, brows, lids, nostrils, hairline, redder areas) */
        SMOOTH
    }

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
        if (albedoModel == null || parsing == null || loss == null || anchor == null) {
            throw new IllegalArgumentException("albedoModel, parsing and loss must be given");
        }
        if (sampleRegion == null || sampleRegion == Region.HEAD) {
            throw new IllegalArgumentException("sampleRegion must be FACE or NARROW");
        }
    }

    /**
     * The loss weights of Deng et al. 2019 (the paper's defaults) plus this implementation's albedo smoothness and
     * symmetry; 80 identity modes, 2 levels x 6 iterations, photometric samples over the full face area. Measured on
     * the synthetic bench these weights, made for training a network over a data set, let a per-photo fit over-fit
     * (see {@link #perPhoto()}).
     */
    public static PhotometricConfig defaults() {
        return new PhotometricConfig(1.9, 1.6e-3, 3e-4, 1.0, 0.8, 1.7e-3, 5, 20, 2, 20, 80, 2, 6, 1500, 320, Region.FACE, AlbedoModel.PER_VERTEX,
            FaceParsing.Mode.SOFT_COLOUR, RobustLoss.L21, LandmarkAnchor.DETECTED);
    }

    /**
     * Weights for optimising one photo: photometric 100 (the image decides more than the noisy landmarks), landmark
     * 1.6e-2 (10 x Deng's: with shading moving the shape, 1.6e-3 let the example photo's landmark error grow 42%), prior
     * 1e-1 (Deng's 3e-4 lets identity and expression follow landmark noise; 3e-2 was chosen on procedural skin,
     * docs/decisions/photometric-prior-weight.md, 1e-1 on real skin, docs/decisions/photo-robust-refinement.md),
     * the face-parsing mask {@link FaceParsing.Mode#COLOUR} and the L2,1 penalty (same document), the {@link RegionalAlbedo} (a
     * per-vertex albedo absorbs the shading and misalignment that should move the shape; its smoothness 2000 and
     * symmetry 200 and variance 50 stay for {@link AlbedoModel#PER_VERTEX}), 2 levels x 8 iterations, photometric
     * samples over the narrow face area (the full area's ears, neck and hairline are hair or shadow in photos).
     * Chosen on synthetic renders of seeds 3000-3023 and 3100-3123, which the bench does not use.
     */
    public static PhotometricConfig perPhoto() {
        return new PhotometricConfig(100, 1.6e-2, 1e-1, 1.0, 0.8, 1.7e-3, 50, 2000, 200, 20, 80, 2, 8, 1500, 320,
            Region.NARROW, AlbedoModel.REGIONAL, FaceParsing.Mode.COLOUR, RobustLoss.L21, LandmarkAnchor.DETECTED);
    }

    public PhotometricConfig withAlbedoModel(AlbedoModel model) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels, iterations,
            samples, workSize, sampleRegion, model, parsing, loss, anchor);
    }

    public PhotometricConfig withWeights(double photometricWeight, double landmarkWeight) {
        return new PhotometricConfig(photometricWeight, landmarkWeight, prior, identityPrior, expressionPrior,
            albedoPrior, textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels,
            iterations, samples, workSize, sampleRegion, albedoModel, parsing, loss, anchor);
    }

    public PhotometricConfig withPrior(double priorWeight) {
        return new PhotometricConfig(photometric, landmark, priorWeight, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels, iterations,
            samples, workSize, sampleRegion, albedoModel, parsing, loss, anchor);
    }

    public PhotometricConfig withSchedule(int levelCount, int iterationsPerLevel, int sampleCount) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levelCount,
            iterationsPerLevel, sampleCount, workSize, sampleRegion, albedoModel, parsing, loss, anchor);
    }

    /** Which pixels the photometric term uses ({@link FaceParsing}). */
    public PhotometricConfig withParsing(FaceParsing.Mode mode) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels, iterations,
            samples, workSize, sampleRegion, albedoModel, mode, loss, anchor);
    }

    /** The penalty on each vertex's colour residual ({@link RobustLoss}). */
    public PhotometricConfig withLoss(RobustLoss penalty) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels, iterations,
            samples, workSize, sampleRegion, albedoModel, parsing, penalty, anchor);
    }

    /** The number of identity modes the refinement moves (the rest keep their start values). */
    public PhotometricConfig withIdentityModes(int modes) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, modes, levels, iterations,
            samples, workSize, sampleRegion, albedoModel, parsing, loss, anchor);
    }

    /** Where the landmark term pulls ({@link LandmarkAnchor}). */
    public PhotometricConfig withAnchor(LandmarkAnchor target) {
        return new PhotometricConfig(photometric, landmark, prior, identityPrior, expressionPrior, albedoPrior,
            textureVariance, albedoSmoothness, albedoSymmetry, landmarkEmphasis, identityModes, levels, iterations,
            samples, workSize, sampleRegion, albedoModel, parsing, loss, target);
    }
}
