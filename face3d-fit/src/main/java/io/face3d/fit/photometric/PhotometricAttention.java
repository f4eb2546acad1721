package io.face3d.fit.photometric;

/**
 * What a photometric refinement should not trust, from outside the fitter (the occlusion loop of
 * {@code io.face3d.fit.occlusion}): pixels of the photo to leave out of the photometric term and of the per-photo
 * skin model (the occlusion attention of Zhao et al. 2022, here binary: weight 0 inside, the skin attention of
 * {@link SkinColourModel} elsewhere), and a weight per landmark in [0, 1] multiplied into the landmark term's
 * weights (0 for a landmark under an occluder).
 *
 * @param width           photo width, px
 * @param height          photo height, px
 * @param excluded        width x height flags, row-major; null = every pixel is trusted
 * @param landmarkWeights 68 weights in [0, 1]; null = all 1
 */
public record PhotometricAttention(int width, int height, boolean[] excluded, double[] landmarkWeights) {
    public PhotometricAttention {
        if (excluded != null && (width <= 0 || height <= 0 || excluded.length != width * height)) {
            throw new IllegalArgumentException("the excluded-pixel mask must hold width x height flags");
        }
        if (landmarkWeights != null) {
            if (landmarkWeights.length != 68) {
                throw new IllegalArgumentException("landmark weights must be 68 numbers");
            }
            for (double w : landmarkWeights) {
                if (!(w >= 0 && w <= 1)) {
                    throw new IllegalArgumentException("landmark weights must lie in [0, 1]");
                }
            }
        }
    }

    /** Trust everything (the plain refinement). */
    public static PhotometricAttention none() {
        return new PhotometricAttention(0, 0, null, null);
    }

    /** True if photo pixel (x, y) (integer pixel indices) is excluded; false outside the photo or with no mask. */
    public boolean excluded(int x, int y) {
        return excluded != null && x >= 0 && y >= 0 && x < width && y < height && excluded[y * width + x];
    }

    /** Weight of landmark k. */
    public double landmarkWeight(int k) {
        return landmarkWeights == null ? 1 : landmarkWeights[k];
    }
}
