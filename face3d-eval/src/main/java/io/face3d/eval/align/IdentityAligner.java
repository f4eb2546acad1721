package io.face3d.eval.align;

import io.face3d.core.geom.Similarity;

/** Leaves the prediction where it is ({@code --align none}). */
public final class IdentityAligner implements SurfaceAligner {
    @Override
    public Alignment align(Input input) {
        return new Alignment(Similarity.identity(), "none", 0);
    }
}
