package io.face3d.fit.photometric;

/**
 * The loss terms after one iteration (unweighted values; {@link #total} applies the config's weights). Within an
 * iteration the photometric and albedo terms are measured after the light and albedo updates, at the samples taken
 * before the geometry step; landmark and prior terms after it. The last entry of a fit re-samples at the final state.
 *
 * @param level            pyramid level (0 = finest)
 * @param iteration        iteration index over the whole fit
 * @param photometric      sum_i A_i ||I_i - I'_i|| / sum_i A_i over the visible vertices (colours in [0, 1])
 * @param landmark         (1/68) sum_n w_n ||q_n - q'_n||^2, pixels of a 224-pixel face crop
 * @param identityPrior    ||identity||^2
 * @param expressionPrior  ||expression||^2
 * @param albedoPrior      sum_v ||rho_v - rho_mean||^2
 * @param textureVariance  mean over skin vertices of ||rho_v - rho_mean||^2
 * @param albedoSmoothness mean over mesh edges of ||rho_u - rho_v||^2
 * @param albedoSymmetry   mean over vertices of ||rho_v - rho_mirror(v)||^2
 * @param total            the weighted sum
 * @param landmarkRmsPx    landmark reprojection RMS in photo pixels (for reporting)
 */
public record LossTerms(int level, int iteration, double photometric, double landmark, double identityPrior,
                        double expressionPrior, double albedoPrior, double textureVariance, double albedoSmoothness,
                        double albedoSymmetry, double total, double landmarkRmsPx) {
}
