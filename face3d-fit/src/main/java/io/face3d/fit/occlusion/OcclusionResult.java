package io.face3d.fit.occlusion;

import io.face3d.fit.photometric.PhotometricResult;

/**
 * An occlusion-aware photometric fit.
 *
 * @param fit     the last round's fit (photometric term and landmarks weighted by the mask)
 * @param mask    the mask of the last round, consistent with {@code fit}
 * @param rounds  fits run (the first with the full schedule; fewer than the config's when the mask settled)
 * @param millis      wall time of the whole loop, masks included
 * @param maskMillis  wall time spent computing masks
 */
public record OcclusionResult(PhotometricResult fit, OcclusionMask mask, int rounds, double millis, double maskMillis) {
}
