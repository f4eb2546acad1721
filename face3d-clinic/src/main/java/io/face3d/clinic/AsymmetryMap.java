package io.face3d.clinic;

import io.face3d.core.model.MirrorMap;
import io.face3d.core.geom.Similarity;
import io.face3d.core.geom.Umeyama;

import java.util.Arrays;

/**
 * Whole-face asymmetry: for every vertex, the distance to its mirrored counterpart after fitting the symmetry
 * plane. The face is mirrored (x to -x, each vertex taking its counterpart's position, {@link MirrorMap}), the
 * mirrored copy is aligned rigidly to the face (Umeyama, no scale), which places the best symmetry plane
 * wherever it lies, and the per-vertex residual is the asymmetry in mm (0 on a perfectly symmetric face).
 * The side-signed maps say which side is which: {@link #heightDifference} (lower or higher than the other side's
 * mirror point) and {@link #movementDifference} (moves less or more than the other side).
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
        double[] r = residuals(face, mirror);
        double[] out = new double[r.length / 3];
        for (int v = 0; v < out.length; v++) {
            out[v] = Math.sqrt(r[3 * v] * r[3 * v] + r[3 * v + 1] * r[3 * v + 1] + r[3 * v + 2] * r[3 * v + 2]);
        }
        return out;
    }

    /**
     * Signed height of each vertex above its counterpart's mirror image (mm, the face's vertical, after the
     * symmetry plane is fitted): negative where this side lies lower than the other (a drooping brow or mouth
     * corner), and the opposite sign at the counterpart.
     */
    public static double[] heightDifference(float[] face, MirrorMap mirror) {
        double[] r = residuals(face, mirror);
        double[] out = new double[r.length / 3];
        for (int v = 0; v < out.length; v++) {
            out[v] = r[3 * v + 1];
        }
        return out;
    }

    /**
     * How much farther each vertex moved from rest than its counterpart on the other side (mm): negative where this
     * side moves less than the other (the weaker side of a movement), the opposite sign at the counterpart. Both
     * faces are in the model's frame (pose removed), so a vertex's movement is its displacement from rest.
     */
    public static double[] movementDifference(float[] face, float[] rest, MirrorMap mirror) {
        if (face.length != rest.length) {
            throw new IllegalArgumentException("the face and its rest face must have the same vertices");
        }
        int n = face.length / 3;
        double[] moved = new double[n];
        for (int v = 0; v < n; v++) {
            double dx = face[3 * v] - rest[3 * v], dy = face[3 * v + 1] - rest[3 * v + 1],
                dz = face[3 * v + 2] - rest[3 * v + 2];
            moved[v] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        double[] out = new double[n];
        for (int v = 0; v < n; v++) {
            int c = mirror.counterpart(v);
            out[v] = c < 0 || c >= n ? Double.NaN : moved[v] - moved[c];
        }
        return out;
    }

    /** Per vertex (x, y, z interleaved) the face minus its aligned mirror image; NaN without a counterpart. */
    private static double[] residuals(float[] face, MirrorMap mirror) {
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
        Similarity t = Umeyama.estimate(Arrays.copyOf(src, 3 * m), Arrays.copyOf(dst, 3 * m), false);
        double[] out = new double[3 * n];
        Arrays.fill(out, Double.NaN);
        double[] p = new double[3];
        for (int i = 0; i < m; i++) {
            t.apply(src[3 * i], src[3 * i + 1], src[3 * i + 2], p, 0);
            for (int k = 0; k < 3; k++) {
                out[3 * kept[i] + k] = dst[3 * i + k] - p[k];
            }
        }
        return out;
    }
}
