package io.face3d.learn.data;

/**
 * Inputs of the Deep-MDS distance network, one row per pair (i, j), i &lt; j, in {@link Pairs} order.
 * <ul>
 * <li>{@link Kind#INPUT_VIEW}: eq. 6 of Kamyab and Azimifar (2022) on the normalised input points (6 values).</li>
 * <li>{@link Kind#CANONICAL_VIEW}: eq. 6 on the autoencoder's canonical (frontal) view, as in the paper.</li>
 * <li>{@link Kind#CONTEXT} (this project's extension, {@value #CONTEXT_FIXED} values and the codes): eq. 6 on the
 * canonical view and on the input view; the mean face's distance of the pair; the pair's depth difference in the
 * mean face aligned to the input; the baseline distance (input x, y with the aligned mean face's depth,
 * {@link LiftTargets#liftDistances}); the two points' own coordinates in the canonical view, in the input and in
 * the aligned mean face's depth, and their mean-face 3D positions (eq. 6 is symmetric in i and j and cannot tell
 * which landmarks a pair joins, so it cannot learn landmark-specific corrections); then the codes of the whole face
 * (the autoencoder's bottleneck and the face encoder's code). A pair alone cannot tell identity, expression or
 * pose; the codes carry them. The network predicts the correction to the baseline distance.</li>
 * </ul>
 */
public final class PairFeatures {
    public enum Kind { INPUT_VIEW, CANONICAL_VIEW, CONTEXT }

    /** CONTEXT values before the codes. */
    public static final int CONTEXT_FIXED = 31;

    /**
     * What CONTEXT rows read of one face.
     *
     * @param input      normalised input points (x, y interleaved)
     * @param canonical  the autoencoder's canonical view (same layout)
     * @param priorDepth depth of the mean face aligned to the input (one per point)
     * @param baseline   {@link LiftTargets#liftDistances} of the input with {@code priorDepth}, one per pair
     * @param code       codes of the whole face, copied into every row after the fixed values
     */
    public record FaceContext(double[] input, double[] canonical, double[] priorDepth, double[] baseline, float[] code) {
    }

    private PairFeatures() {
    }

    /** @param codeLength for CONTEXT, the total length of the codes in each row */
    public static int width(Kind kind, int codeLength) {
        return kind == Kind.CONTEXT ? CONTEXT_FIXED + codeLength : 6;
    }

    /** Eq. 6 rows of every pair of {@code xy} (INPUT_VIEW: the input; CANONICAL_VIEW: the canonical view). */
    public static float[] eq6(double[] xy) {
        int n = xy.length / 2;
        float[] out = new float[6 * Pairs.count(n)];
        int row = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Pairs.features(xy, i, j, out, 6 * row++);
            }
        }
        return out;
    }

    /**
     * CONTEXT rows.
     *
     * @param face           the face
     * @param priorDistances the mean face's normalised distance of each pair ({@link LiftTargets#distances})
     * @param priorUnit      the mean face's 3D landmarks divided by their RMS radius (3 per point)
     * @param pairs          pair indices ({@link Pairs} order) to write, one row each; null for all pairs
     */
    public static float[] context(FaceContext face, double[] priorDistances, double[] priorUnit, int[] pairs) {
        int n = face.input().length / 2, w = width(Kind.CONTEXT, face.code().length);
        int[][] ij = Pairs.indices(n);
        int rows = pairs == null ? ij[0].length : pairs.length;
        double[] xy = face.input(), cv = face.canonical(), zb = face.priorDepth();
        float[] out = new float[w * rows];
        for (int r = 0; r < rows; r++) {
            int p = pairs == null ? r : pairs[r], i = ij[0][p], j = ij[1][p], o = r * w;
            Pairs.features(cv, i, j, out, o);
            Pairs.features(xy, i, j, out, o + 6);
            out[o + 12] = (float) priorDistances[p];
            out[o + 13] = (float) Math.abs(zb[i] - zb[j]);
            out[o + 14] = (float) face.baseline()[p];
            o += 15;
            for (int k : new int[] {i, j}) {
                out[o++] = (float) cv[2 * k];
                out[o++] = (float) cv[2 * k + 1];
                out[o++] = (float) xy[2 * k];
                out[o++] = (float) xy[2 * k + 1];
                out[o++] = (float) zb[k];
                for (int c = 0; c < 3; c++) {
                    out[o++] = (float) priorUnit[3 * k + c];
                }
            }
            System.arraycopy(face.code(), 0, out, o, face.code().length);
        }
        return out;
    }
}
