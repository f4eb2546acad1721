package io.face3d.fit.landmark;

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
 * <p>Correspondence: landmark marching ({@link #march}). The synthetic faces of the benchmark mark their jaw with
 * the same rule on the true face (a detector marks the outline where the normal line of the anatomical jaw
 * crosses it); real detectors' conventions differ, which the renders benchmark measures.
 */
public final class JawContour {
    /**
     * Along the outline a marched jaw point is tied to its anatomical place only by this sigma (fraction of the
     * IOD, added in quadrature to the jaw's): wide enough that the point's position along the outline, which
     * depends on the annotation convention, never drives the shape (arc-length spacing moves points by 10-30% IOD
     * from their vertices; with 0.10 the joint 5-photo fit of such points was worse than one photo, with 0.30 it is
     * better: `bench fit` conventions, tuning seeds), while it still keeps points 0-16 in order.
     */
    public static final double SLIDE_SIGMA = 0.30;

    /**
     * Band vertices behind this depth (mm, mean face) are the ear and the side of the head, which no annotator marks
     * as jaw: iBUG 0 and 16 sit at z = 37 mm on the mean face, the ears at z &lt; 15 mm. With 0 (the whole side of
     * the head) the model's outline near points 0-3 and 13-16 lay outside points marked on the visible outline of
     * the face in front of the ear: at the true shape 55-65% of them fell back to their anatomical vertex, 12-20% IOD
     * away, and the joint 5-photo fit of arc-length points was worse than a single photo (`bench fit` conventions,
     * tuning seed 101, 60 faces and 8 people: dense 2.53 -> 2.44 mm, joint 2.54 -> 2.14 mm with 20).
     */
    static final double MIN_Z = 20;
    static final double INNER_CLEARANCE = 12;
    /**
     * Vertices more than this many mm below the mandible's lower edge are neck. With 12 mm the band's outermost
     * vertex under the chin was neck: at the true shape the model's chin outline lay 6-8% IOD below the chin outline
     * of independently marked faces (`bench fit` conventions, 100 faces); 4 mm keeps the submental curve only.
     */
    static final double BELOW_JAW = 4;
    /**
     * Jaw points this close to the chin (iBUG 5-11) slide onto band vertices of either side: under yaw the chin's
     * outline and points marked along it by arc length cross the model's midline, and the side rule left up to 16%
     * of such points without a candidate (`bench fit` arc-length convention, true shapes, tuning seed 101).
     */
    static final int CHIN_SIDE_FREE = 3;
    /** Half width (mm) of the line a jaw point marches along ({@link #march}). */
    static final double MARCH_HALF_WIDTH = 1.5;

    private final int[] band;
    private final int[] side;

    JawContour(MorphableModel model) {
        int[] lm = model.landmarks68();
        float[] mean = model.meanArray();
        int nFace = model.vertexCount(Region.FACE);
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
        side = new int[n];
        for (int i = 0; i < n; i++) {
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

    /**
     * The outward unit normals (u, v each; zero if undefined) of the projected iBUG jaw chain 0-16: perpendicular
     * to the chord of each point's neighbours, pointing away from the centroid of all 68 points.
     */
    public static void outlineNormals(double[] anatomicalUv, double[] out) {
        double cu = 0, cv = 0;
        for (int i = 0; i < 68; i++) {
            cu += anatomicalUv[2 * i] / 68;
            cv += anatomicalUv[2 * i + 1] / 68;
        }
        for (int k = 0; k < 17; k++) {
            int a = Math.max(0, k - 1), b = Math.min(16, k + 1);
            double tu = anatomicalUv[2 * b] - anatomicalUv[2 * a], tv = anatomicalUv[2 * b + 1] - anatomicalUv[2 * a + 1];
            double len = Math.hypot(tu, tv);
            double nu = len > 0 ? -tv / len : 0, nv = len > 0 ? tu / len : 0;
            if (nu * (anatomicalUv[2 * k] - cu) + nv * (anatomicalUv[2 * k + 1] - cv) < 0) {
                nu = -nu;
                nv = -nv;
            }
            out[2 * k] = nu;
            out[2 * k + 1] = nv;
        }
    }

    /**
     * Sliding contour correspondence for fitting: like {@link #march}, but the line runs through the GIVEN jaw point
     * (along the outward normal of the projected anatomical chain there), so that the contour vertex found is where
     * the model's outline lies next to the point wherever along the outline the point was placed. A point whose
     * anatomical vertex's projection is nearer to it than the outline, which lies further out (a detector that marks
     * fixed vertices, or a jaw hidden behind the cheek), keeps its vertex (-1): the closer of the two candidates, as
     * in ICP. A point on or outside the model's outline always slides.
     *
     * @param anatomicalUv projections of the 68 iBUG vertices under the current pose
     * @param targets      the given points (at least the 17 jaw points, u, v each)
     * @param bandUv       projections of every band vertex
     * @param halfWidthPx  half width of the line in pixels
     * @param out          17 band indices, -1 where the anatomical vertex stays
     * @param normals      out: the 17 outward unit normals (u, v each)
     */
    void slide(double[] anatomicalUv, double[] targets, double[] bandUv, double halfWidthPx, int[] out,
               double[] normals) {
        outlineNormals(anatomicalUv, normals);
        double[] along = new double[1];
        for (int k = 0; k < 17; k++) {
            double pu = targets[2 * k], pv = targets[2 * k + 1];
            along[0] = Double.NEGATIVE_INFINITY;
            int best = outermost(k, pu, pv, normals, bandUv, halfWidthPx, along, CHIN_SIDE_FREE);
            double toVertex = Math.hypot(anatomicalUv[2 * k] - pu, anatomicalUv[2 * k + 1] - pv);
            // on or outside the model's outline the point slides; inside it, the nearer candidate wins
            out[k] = best >= 0 && (along[0] <= 0 || along[0] < toVertex) ? best : -1;
        }
    }

    /**
     * The band vertex of jaw point k's side that lies furthest along the unit normal (normals[2k], normals[2k+1])
     * among those within halfWidthPx of the line through (pu, pv), and further than along[0] (in: the least
     * distance along the line to count; out: the vertex's); -1 if none. Points within sideFree of the chin (8) take
     * vertices of either side.
     */
    private int outermost(int k, double pu, double pv, double[] normals, double[] bandUv, double halfWidthPx,
                          double[] along, int sideFree) {
        double nu = normals[2 * k], nv = normals[2 * k + 1];
        if (nu == 0 && nv == 0) {
            return -1;
        }
        int want = k < 8 - sideFree ? -1 : k > 8 + sideFree ? 1 : 0, best = -1;
        for (int j = 0; j < band.length; j++) {
            if (want != 0 && side[j] == -want) {
                continue;
            }
            double du = bandUv[2 * j] - pu, dv = bandUv[2 * j + 1] - pv;
            double a = du * nu + dv * nv;
            if (a > along[0] && Math.abs(dv * nu - du * nv) < halfWidthPx) {
                along[0] = a;
                best = j;
            }
        }
        return best;
    }

    /**
     * Landmark marching (Zhu et al. 2015, "High-fidelity pose and expression normalization", section 3.2): each
     * jaw point moves from its anatomical iBUG vertex outward, along the normal of the projected jaw chain, to the
     * outermost projected band vertex of its side within {@code halfWidthPx} of that line: where a detector marks
     * the face's outline. On the near side of a turned head that is the cheek's silhouette, on the far side the
     * jaw's; where nothing lies further out (the vertex is on the outline already) the anatomical vertex stays.
     *
     * @param anatomicalUv projections of the 68 iBUG vertices (u, v each) under the current pose
     * @param bandUv       projections of every band vertex ({@link #band} order)
     * @param halfWidthPx  half width of the marching line in pixels
     * @param out          17 band indices, -1 where the anatomical vertex stays
     * @param normals      null, or out: the 17 outward unit normals of the marching lines (u, v each)
     */
    void march(double[] anatomicalUv, double[] bandUv, double halfWidthPx, int[] out, double[] normals) {
        double[] nrm = normals != null ? normals : new double[34];
        outlineNormals(anatomicalUv, nrm);
        double[] along = new double[1];
        for (int k = 0; k < 17; k++) {
            along[0] = 0;
            out[k] = outermost(k, anatomicalUv[2 * k], anatomicalUv[2 * k + 1], nrm, bandUv, halfWidthPx, along, 0);
        }
    }
}
