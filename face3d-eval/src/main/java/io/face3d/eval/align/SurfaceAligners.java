package io.face3d.eval.align;

import io.face3d.eval.AlignMode;

/** Builds the {@link SurfaceAligner} of an {@link AlignMode}. */
public final class SurfaceAligners {
    private SurfaceAligners() {
    }

    /** @param icp ICP settings; its scale flag is overridden by the mode */
    public static SurfaceAligner create(AlignMode mode, IcpConfig icp) {
        return switch (mode) {
            case NONE -> new IdentityAligner();
            case PROCRUSTES -> new ProcrustesAligner();
            case ICP, ICP_SCALE -> {
                boolean scale = mode == AlignMode.ICP_SCALE;
                yield new IcpAligner(new IcpConfig(scale, icp.keepFraction(), icp.maxIterations(), icp.maxSamples(),
                    icp.tolerance(), icp.seed()));
            }
        };
    }
}
