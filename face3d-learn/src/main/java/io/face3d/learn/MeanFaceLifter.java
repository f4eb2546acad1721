package io.face3d.learn;

import io.face3d.learn.mds.FrameAlignment;

/**
 * The baseline: the depth of the mean face's 68 landmarks after aligning them to the 2D input
 * ({@link FrameAlignment}, the same alignment the MDS embedding gets).
 */
public final class MeanFaceLifter extends DepthLifter {
    private final double[] mean3d;
    private final boolean rigid;

    /**
     * @param mean3d the mean face's 68 landmarks, model space (x, y, z interleaved)
     * @param rigid  false: the input's x, y with the aligned mean face's depth (the lift benchmarks' baseline);
     *               true: the aligned mean face itself (x, y too), a rigid shape like the MDS embedding
     */
    public MeanFaceLifter(double[] mean3d, boolean rigid) {
        this.rigid = rigid;
        if (mean3d.length != 3 * POINTS) {
            throw new IllegalArgumentException("expected 68 mean-face landmarks");
        }
        this.mean3d = mean3d.clone();
    }

    @Override
    public String name() {
        return rigid ? "mean face, aligned (rigid)" : "mean-face depth";
    }

    @Override
    public double[] liftNormalised(double[] normalised) {
        return rigid ? FrameAlignment.align(mean3d, normalised) : super.liftNormalised(normalised);
    }

    @Override
    public double[] depth(double[] normalised) {
        return FrameAlignment.depth(mean3d, normalised);
    }
}
