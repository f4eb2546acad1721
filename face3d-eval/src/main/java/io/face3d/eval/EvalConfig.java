package io.face3d.eval;

import io.face3d.eval.align.IcpConfig;

/**
 * Settings of {@link MeshEvaluator}.
 *
 * @param align   alignment of the prediction onto the ground truth
 * @param crop    part of the ground truth evaluated; null means NoW when ground-truth landmarks are given, else none
 * @param samples points sampled on each surface for the symmetric (MESH) distances
 * @param seed    seed of every random draw
 * @param icp     ICP settings (its scale flag is set from {@code align})
 */
public record EvalConfig(AlignMode align, CropSpec crop, int samples, long seed, IcpConfig icp) {
    public EvalConfig {
        if (align == null || icp == null) {
            throw new IllegalArgumentException("align and icp settings are required");
        }
        if (samples < 100) {
            throw new IllegalArgumentException("use at least 100 samples per surface, got " + samples);
        }
    }

    /** ICP with {@code align}, automatic crop, 100k samples per surface, seed 1. */
    public static EvalConfig defaults(AlignMode align) {
        return new EvalConfig(align, null, 100_000, 1, IcpConfig.defaults(align == AlignMode.ICP_SCALE));
    }

    public EvalConfig withCrop(CropSpec newCrop) {
        return new EvalConfig(align, newCrop, samples, seed, icp);
    }

    public EvalConfig withSamples(int newSamples) {
        return new EvalConfig(align, crop, newSamples, seed, icp);
    }

    public EvalConfig withIcp(IcpConfig newIcp) {
        return new EvalConfig(align, crop, samples, seed, newIcp);
    }
}
