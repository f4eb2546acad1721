package io.face3d.eval.align;

import io.face3d.core.geom.Similarity;

/**
 * @param transform  maps the moving points onto the surface
 * @param iterations steps taken
 * @param trimmedRms RMS distance of the kept pairs after the last step, mm (in the surface's frame)
 * @param converged  the last step moved every sample by less than the tolerance
 */
public record IcpResult(Similarity transform, int iterations, double trimmedRms, boolean converged) {
}
