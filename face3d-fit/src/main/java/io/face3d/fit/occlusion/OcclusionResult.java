package io.face3d.fit.occlusion;

import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.photometric.PhotometricResult;

/**
 * An occlusion-aware photometric fit.
 *
 * @param fit     the last round's fit (photometric term and landmarks weighted by the mask)
 * @param mask    the mask of the last round, consistent with {@code fit}
 * @param rounds  fits run (the first with the full schedule; fewer than the config's when the mask settled)
 * @param millis      wall time of the whole loop, masks included
 * @param maskMillis  wall time spent computing masks
 * @param landmarkFit the landmark fit with the first mask's occluded landmarks down-weighted, the loop's start; null
 *                    when no landmark was flagged or no landmark fitter was given (the start was the caller's)
 */
public record OcclusionResult(PhotometricResult fit, OcclusionMask mask, int rounds, double millis, double maskMillis,
                              FitResult landmarkFit) {
}
