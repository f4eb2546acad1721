package io.face3d.learn;

import io.face3d.learn.mds.FrameAlignment;

/**
 * The baseline: the depth of the mean face's 68 landmarks after aligning them to the 2D input
 * ({@link FrameAlignment}, the same alignment the MDS embedding gets).
 */
public final class MeanFaceLifter extends DepthLifter {
    private final double[] mean3d;

    /** @param mean3d the mean face's 68 landmarks, model space (x, y, z interleaved) */
    public MeanFaceLifter(double[] mean3d) {
        if (mean3d.length != 3 * POINTS) {
            throw new IllegalArgumentException("expected 68 mean-face landmarks");
        }
        this.mean3d = mean3d.clone();
    }

    @Override
    public String name() {
        return "mean-face";
    }

    @Override
    public double[] depth(double[] normalised) {
        return FrameAlignment.depth(mean3d, normalised);
    }
}
