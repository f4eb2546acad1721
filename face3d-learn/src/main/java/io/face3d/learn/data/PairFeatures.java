package io.face3d.learn.data;

/**
 * Inputs of the Deep-MDS distance network, one row per pair (i, j), i &lt; j, in {@link Pairs} order.
 * <ul>
 * <li>{@link Kind#INPUT_VIEW}: eq. 6 of Kamyab and Azimifar (2022) on the normalised input points (6 values).</li>
 * <li>{@link Kind#CANONICAL_VIEW}: eq. 6 on the autoencoder's canonical (frontal) view, as in the paper.</li>
 * <li>{@link Kind#CONTEXT}: eq. 6 on the canonical view, eq. 6 on the input view, the mean face's distance of the
 * pair, the pair's depth difference in the mean face aligned to the input, and the autoencoder's bottleneck code of
 * the whole face (this project's extension: a pair alone cannot
 * tell the pose, in a turned face the input view carries the depth that the frontal view lacks, and the code tells
 * the network how to combine them; the network then predicts the correction to the mean face's distance).</li>
 * </ul>
 */
public final class PairFeatures {
    public enum Kind { INPUT_VIEW, CANONICAL_VIEW, CONTEXT }

    private PairFeatures() {
    }

    public static int width(Kind kind, int codeLength) {
        return kind == Kind.CONTEXT ? 14 + codeLength : 6;
    }

    /**
     * @param input     normalised input points (x, y interleaved)
     * @param canonical canonical view (same layout), unused for INPUT_VIEW
     * @param code      bottleneck code, used by CONTEXT only
     * @param prior     the mean face's distance of each pair, used by CONTEXT only
     * @param priorDepth depth of the mean face aligned to the input (one per point), used by CONTEXT only
     */
    public static float[] build(Kind kind, double[] input, double[] canonical, float[] code, double[] prior,
                                double[] priorDepth) {
        int n = input.length / 2, w = width(kind, code == null ? 0 : code.length);
        float[] out = new float[w * Pairs.count(n)];
        int row = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int off = row++ * w;
                switch (kind) {
                    case INPUT_VIEW -> Pairs.features(input, i, j, out, off);
                    case CANONICAL_VIEW -> Pairs.features(canonical, i, j, out, off);
                    case CONTEXT -> {
                        Pairs.features(canonical, i, j, out, off);
                        Pairs.features(input, i, j, out, off + 6);
                        out[off + 12] = (float) prior[row - 1];
                        out[off + 13] = (float) Math.abs(priorDepth[i] - priorDepth[j]);
                        System.arraycopy(code, 0, out, off + 14, code.length);
                    }
                }
            }
        }
        return out;
    }
}
