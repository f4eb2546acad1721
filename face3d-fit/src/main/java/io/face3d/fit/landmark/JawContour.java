package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.Arrays;

/**
 * Jaw contour correspondence: iBUG points 0-16 are where the face's outline meets the jaw, not fixed vertices
 * (a detector marks the silhouette, which slides round the cheek as the head turns).
 *
 * <p>Candidate band. Upstream ICT lists only frontal jawline chains (README "Right/Left extended jawline", 17
 * vertices each; used here only to find the neck below the mandible); under yaw the outline leaves those chains (towards the ear on the near side, across the cheek
 * on the far side), so the candidates are a band built from the mean mesh instead: full-face-area vertices between
 * 6 mm below the chin landmark (8) and 6 mm above the top jaw landmarks (0, 16), in front of the ears
 * (z &gt; {@value #MIN_Z} mm), not below the mandible (neck; see {@link #jawEdgeHeight}), and more than {@value #INNER_CLEARANCE} mm from every inner landmark (17-67) so the
 * nose, lips, eyes and brows, whose sides are silhouettes too, never capture a jaw point.
 *
 * <p>Assignment (Bas et al. 2017, occluding-boundary correspondence): under the current pose a band vertex is on
 * the occluding contour when its normal is nearly perpendicular to the viewing direction, |n_z| &lt;
 * {@value #SILHOUETTE_COS} in camera space; each jaw point takes the contour vertex of its side (0-7 subject's
 * right, 9-16 left, 8 either) whose projection is nearest to it. Normals are the mean face's, rotated: identity
 * and expression tilt them by a few degrees, well inside the threshold's 20-degree band.
 */
final class JawContour {
    static final double MIN_Z = 0;
    static final double INNER_CLEARANCE = 12;
    static final double SILHOUETTE_COS = 0.35;
    static final double BELOW_JAW = 12;

    private final int[] band;
    private final float[] normals;
    private final int[] side;

    JawContour(MorphableModel model) {
        int[] lm = model.landmarks68();
        float[] mean = model.meanArray();
        int nFace = model.vertexCount(Region.FACE);
        float[] faceNormals = model.mesh(null, null, Region.FACE).vertexNormals();
        double yMin = mean[3 * lm[8] + 1] - 6;
        double yMax = Math.max(mean[3 * lm[0] + 1], mean[3 * lm[16] + 1]) + 6;
        int[] tmp = new int[nFace];
        int n = 0;
        for (int v = 0; v < nFace; v++) {
            double x = mean[3 * v], y = mean[3 * v + 1], z = mean[3 * v + 2];
            if (y < yMin || y > yMax || z < MIN_Z || y < jawEdgeHeight(mean, z) - BELOW_JAW) {
                continue;
            }
            boolean clear = true;
            for (int k = 17; k < 68 && clear; k++) {
                double dx = x - mean[3 * lm[k]], dy = y - mean[3 * lm[k] + 1], dz = z - mean[3 * lm[k] + 2];
                clear = dx * dx + dy * dy + dz * dz > INNER_CLEARANCE * INNER_CLEARANCE;
            }
            if (clear) {
                tmp[n++] = v;
            }
        }
        band = Arrays.copyOf(tmp, n);
        normals = new float[3 * n];
        side = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(faceNormals, 3 * band[i], normals, 3 * i, 3);
            double x = mean[3 * band[i]];
            side[i] = x < -5 ? -1 : x > 5 ? 1 : 0;
        }
    }

    /**
     * Upstream ICT README, "Right extended jawline" (superset of the chain substituting iBUG 0-7): the frontal jaw
     * outline from the ear (first) to the chin, 0-based vertex indices.
     */
    static final int[] RIGHT_EXTENDED_JAWLINE = {1280, 1278, 1275, 1272, 1248, 12, 820, 1834, 1902, 243, 844, 781,
        1673, 2199, 801, 1447, 800};

    /** From this chain element on, {@link #RIGHT_EXTENDED_JAWLINE} runs along the mandible's lower edge. */
    private static final int JAW_ANGLE = 7;

    /**
     * Height y of the mandible's lower edge at depth z: {@link #RIGHT_EXTENDED_JAWLINE} from the jaw angle to the
     * chin (the model is symmetric), piecewise linear, level beyond its ends. A vertex more than
     * {@value #BELOW_JAW} mm below it is neck, which no detector marks as jaw (it would otherwise stick out past
     * the jaw in turned views and capture jaw points).
     */
    private static double jawEdgeHeight(float[] mean, double z) {
        int[] c = RIGHT_EXTENDED_JAWLINE;
        double prevY = mean[3 * c[JAW_ANGLE] + 1], prevZ = mean[3 * c[JAW_ANGLE] + 2];
        if (z <= prevZ) {
            return prevY;
        }
        for (int k = JAW_ANGLE + 1; k < c.length; k++) {
            double ky = mean[3 * c[k] + 1], kz = mean[3 * c[k] + 2];
            if (z <= kz) {
                return prevY + (ky - prevY) * (z - prevZ) / (kz - prevZ);
            }
            prevY = ky;
            prevZ = kz;
        }
        return prevY;
    }

    /** The candidate vertices (model indices). */
    int[] band() {
        return band.clone();
    }

    int size() {
        return band.length;
    }

    /** Band indices of the vertices on the occluding contour under this rotation (|n_z| small). */
    int[] silhouette(double[] r) {
        int n = band.length;
        int[] out = new int[n];
        int ns = 0;
        for (int i = 0; i < n; i++) {
            double nz = r[6] * normals[3 * i] + r[7] * normals[3 * i + 1] + r[8] * normals[3 * i + 2];
            if (Math.abs(nz) < SILHOUETTE_COS) {
                out[ns++] = i;
            }
        }
        return Arrays.copyOf(out, ns);
    }

    /**
     * Chooses a band index for each jaw point 0-16.
     *
     * @param sil       band indices of the contour vertices ({@link #silhouette})
     * @param positions their current model-space positions (x, y, z each)
     * @param pose      current pose
     * @param points    the 68 image points (u, v each)
     * @param keepPx    hysteresis: a jaw point keeps its previous vertex (still on the contour) unless another is
     *                  nearer by more than this many pixels
     * @param farPx     a jaw point with no contour vertex within this many pixels keeps its fixed iBUG vertex
     * @param out       in: the previous band indices (-1 none); out: 17 band indices, or -1 where no contour
     *                  vertex is on that side (keep the fixed vertex)
     */
    void assign(int[] sil, double[] positions, Pose pose, double[] points, double keepPx, double farPx, int[] out) {
        int ns = sil.length;
        float[] p = new float[3 * ns];
        for (int i = 0; i < 3 * ns; i++) {
            p[i] = (float) positions[i];
        }
        double[] uv = new double[2 * ns];
        pose.project(p, ns, uv);
        for (int k = 0; k < 17; k++) {
            int want = k < 8 ? -1 : k > 8 ? 1 : 0;
            double best = Double.MAX_VALUE, previous = Double.MAX_VALUE;
            int bi = -1;
            for (int j = 0; j < ns; j++) {
                if (want != 0 && side[sil[j]] == -want) {
                    continue;
                }
                double du = uv[2 * j] - points[2 * k], dv = uv[2 * j + 1] - points[2 * k + 1];
                double d = Math.sqrt(du * du + dv * dv);
                if (sil[j] == out[k]) {
                    previous = d;
                }
                if (d < best) {
                    best = d;
                    bi = sil[j];
                }
            }
            if (best > farPx) {
                // no contour vertex near the point: it lies on an inner jaw edge (over the neck), not on the
                // silhouette, and the anatomical iBUG vertex is the better correspondence
                out[k] = -1;
            } else if (previous > best + keepPx) {
                out[k] = bi;
            }
        }
    }
}
