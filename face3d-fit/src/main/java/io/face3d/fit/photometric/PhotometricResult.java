package io.face3d.fit.photometric;

import io.face3d.core.geom.Pose;

import java.util.List;

/**
 * A photometric refinement.
 *
 * @param pose          camera and head pose in photo pixels
 * @param identity      all identity coefficients (the refined modes and the rest at their start values)
 * @param expression    expression weights in [0, 1], model order
 * @param light         27 SH coefficients (9 per channel, {@code SphericalHarmonics} order), colours in [0, 1]
 * @param albedo        per-vertex albedo over the full face area (r, g, b in [0, 1])
 * @param meanAlbedo    the skin albedo the prior pulls toward (the photo's mean skin colour)
 * @param fittedPoints  the 68 model landmarks reprojected (x, y interleaved, photo pixels)
 * @param history       loss terms after every iteration, coarse to fine
 * @param startLoss     loss terms of the start (the landmark fit) at the finest level with light and albedo solved
 *                      for it (iteration -1), the baseline a guard compares {@link #last()} with; null if not measured
 * @param millis        wall time of the fit
 */
public record PhotometricResult(Pose pose, double[] identity, double[] expression, double[] light, float[] albedo,
                                double[] meanAlbedo, double[] fittedPoints, List<LossTerms> history, LossTerms startLoss,
                                double millis) {
    public LossTerms first() {
        return history.get(0);
    }

    public LossTerms last() {
        return history.get(history.size() - 1);
    }
}
