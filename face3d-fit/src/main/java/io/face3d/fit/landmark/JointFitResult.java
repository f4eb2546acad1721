package io.face3d.fit.landmark;

import java.util.List;

/**
 * A joint fit of several images of one person: one identity, per-image pose and expression.
 *
 * @param identity   the shared 100 identity coefficients
 * @param images     per input, in input order (each carries the shared identity)
 * @param iterations outer iterations run
 * @param converged  true if the stopping rule held before the iteration limit
 */
public record JointFitResult(double[] identity, List<FitResult> images, int iterations, boolean converged) {

    public JointFitResult {
        identity = identity.clone();
        images = List.copyOf(images);
    }

    @Override
    public double[] identity() {
        return identity.clone();
    }
}
