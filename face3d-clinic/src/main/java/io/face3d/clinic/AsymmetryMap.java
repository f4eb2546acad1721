package io.face3d.clinic;

import io.face3d.core.model.MirrorMap;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;

/**
 * Whole-face asymmetry: for every vertex, the distance to its mirrored counterpart after fitting the symmetry
 * plane. The face is mirrored (x to -x, each vertex taking its counterpart's position, {@link MirrorMap}), the
 * mirrored copy is aligned rigidly to the face (Umeyama, no scale), which places the best symmetry plane
 * wherever it lies, and the per-vertex residual is the asymmetry in mm (0 on a perfectly symmetric face).
 */
public final class AsymmetryMap {
    private AsymmetryMap() {
    }

    /**
     * @param face   vertex positions (x, y, z interleaved, mm) over a region prefix of the model
     * @param mirror the model's mirror map (whole-head indices); vertices whose counterpart lies outside the
     *               region get NaN
     */
    public static double[] compute(float[] face, MirrorMap mirror) {
        int n = face.length / 3;
        double[] src = new double[3 * n], dst = new double[3 * n];
        int m = 0;
        int[] kept = new int[n];
        for (int v = 0; v < n; v++) {
            int c = mirror.counterpart(v);
            if (c < 0 || c >= n) {
                continue;
            }
            src[3 * m] = -face[3 * c];
            src[3 * m + 1] = face[3 * c + 1];
            src[3 * m + 2] = face[3 * c + 2];
            dst[3 * m] = face[3 * v];
            dst[3 * m + 1] = face[3 * v + 1];
            dst[3 * m + 2] = face[3 * v + 2];
            kept[m++] = v;
        }
        if (m < 3) {
            throw new IllegalArgumentException("too few vertices with a mirrored counterpart: " + m);
        }
        Similarity t = Umeyama.estimate(java.util.Arrays.copyOf(src, 3 * m), java.util.Arrays.copyOf(dst, 3 * m), false);
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        double[] p = new double[3];
        for (int i = 0; i < m; i++) {
            t.apply(src[3 * i], src[3 * i + 1], src[3 * i + 2], p, 0);
            double dx = p[0] - dst[3 * i], dy = p[1] - dst[3 * i + 1], dz = p[2] - dst[3 * i + 2];
            out[kept[i]] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return out;
    }
}
