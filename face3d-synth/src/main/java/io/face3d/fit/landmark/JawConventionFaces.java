package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

import java.util.Arrays;
import java.util.Random;

/**
 * Synthetic 68-point landmark sets whose jaw is marked by conventions written independently of the fitter: the
 * benchmark's answer to "does the fit hold on landmarks it was not tuned to". Nothing here uses {@link JawContour}
 * or the fitter's marching: the visible outline is found from a rasterised mask of the projected face (the whole
 * face area less the neck, cut by a plane under the mandible, not the fitter's jaw band), read along rays from the
 * face's centre.
 *
 * <p>Faces: identity ~ N(0, I); 0-4 expressions from {@link SyntheticFaces#EXPRESSIONS} at U(0.2, 1); yaw U(-60,
 * 60), pitch U(-25, 25), roll U(-20, 20) degrees; SOP camera, scale U(1, 2) px/mm, 640 x 640 image. Inner points
 * 17-67 are the model's landmark vertices. Jaw points 0-16 follow one {@link Convention}. Then, optionally, a
 * constant per-point offset (the same on every face of a run, as a detector's own convention; up to a given
 * fraction of the IOD, uniform direction) and Gaussian noise per group.
 */
public final class JawConventionFaces {

    /** How the 17 jaw points are placed. */
    public enum Convention {
        /** The model's iBUG jaw vertices, visible or not (a fit to fixed correspondences). */
        FIXED_VERTICES,
        /** The visible outline's point nearest to each iBUG jaw vertex's projection. */
        NEAREST_SILHOUETTE,
        /**
         * Points 0 and 16 at the outline points nearest to their vertices, 1-15 evenly spaced by arc length along
         * the visible outline between them, through the chin (how 300-W annotators place them).
         */
        ARC_LENGTH,
        /** Where the outward normal of the projected jaw chain through each vertex leaves the face's outline. */
        NORMAL_CROSSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** Number of rays the outline is read along. */
    private static final int RAYS = 1440;
    /** Mask resolution: samples per image pixel along each axis. */
    private static final int SUPERSAMPLE = 3;
    /**
     * Where the annotator's face ends, which each annotator decides: vertices more than {@code neckMargin} mm below
     * the chin-to-jaw-angle plane are neck, and vertices behind {@code earDepth} (mm, mean face) are the ears and
     * the side of the head. {@link #DEFAULT}: the jaw marked in front of the ear (iBUG 0 and 16 sit at z = 37 mm on
     * the mean face, the ears at z &lt; 15 mm) and just under the mandible.
     */
    public record Cuts(double earDepth, double neckMargin) {
        public static final Cuts DEFAULT = new Cuts(20, 3);

        public Cuts {
            if (!(earDepth > -100 && earDepth < 37) || !(neckMargin >= 0 && neckMargin <= 40)) {
                throw new IllegalArgumentException("ear depth must lie in (-100, 37) mm (points 0 and 16 sit at 37) "
                    + "and the neck margin in [0, 40] mm: " + earDepth + ", " + neckMargin);
            }
        }
    }

    private final MorphableModel model;
    private final Cuts cuts;
    private final int[] landmarks;
    private final int[] triangles;
    private final double iod;

    public JawConventionFaces(MorphableModel model) {
        this(model, Cuts.DEFAULT);
    }

    public JawConventionFaces(MorphableModel model, Cuts cuts) {
        this.model = model;
        this.cuts = cuts;
        this.landmarks = model.landmarks68();
        float[] mean = model.meanArray();
        int a = 3 * landmarks[36], b = 3 * landmarks[45];
        this.iod = Math.sqrt(sq(mean[a] - mean[b]) + sq(mean[a + 1] - mean[b + 1]) + sq(mean[a + 2] - mean[b + 2]));
        this.triangles = faceWithoutNeck(model, mean);
    }

    /**
     * Face-area triangles none of whose corners is neck, ear or behind the ear ({@link Cuts}). The mandible's lower edge is approximated by the plane
     * through the chin point (iBUG 8) and the two jaw-angle points (iBUG 4 and 12 lowered by a fifth of their height
     * above the chin: the mandible's angle lies below the iBUG point 4, which sits on the cheek's outline); a vertex
     * more than {@link Cuts#neckMargin} mm under it is neck.
     */
    private int[] faceWithoutNeck(MorphableModel m, float[] mean) {
        int[] tri = m.triangles(Region.FACE);
        double cy = mean[3 * landmarks[8] + 1], cz = mean[3 * landmarks[8] + 2];
        double ay = mean[3 * landmarks[4] + 1], az = mean[3 * landmarks[4] + 2];
        ay -= (ay - cy) * 0.2;
        double slope = (ay - cy) / (az - cz); // dy/dz of the plane (level in x)
        int[] keep = new int[tri.length];
        int n = 0;
        for (int t = 0; t < tri.length; t += 3) {
            boolean neck = false;
            for (int c = 0; c < 3 && !neck; c++) {
                int v = tri[t + c];
                double edge = cy + slope * (mean[3 * v + 2] - cz);
                neck = mean[3 * v + 1] < edge - cuts.neckMargin() || mean[3 * v + 2] < cuts.earDepth();
            }
            if (!neck) {
                System.arraycopy(tri, t, keep, n, 3);
                n += 3;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    /**
     * One face.
     *
     * @param identity   true identity
     * @param expression true expression weights
     * @param pose       true camera
     * @param points     the 68 points given to the fit (convention, offsets and noise applied)
     * @param clean      the 68 points by the convention, without offsets and noise (the reprojection truth)
     * @param iodPx      s x IOD of the mean face, the unit of noise and offsets
     */
    public record Face(double[] identity, double[] expression, Pose pose, double[] points, double[] clean,
                       double iodPx) {
        public LandmarkObservation observation() {
            return new LandmarkObservation(points, null, null, SyntheticFaces.IMAGE_SIZE, SyntheticFaces.IMAGE_SIZE);
        }
    }

    /** A random identity, expression set and pose (the class comment's distribution). */
    public record Truth(double[] identity, double[] expression, Pose pose) { }

    public Truth drawTruth(Random rnd) {
        double[] id = new double[model.identityCount()];
        for (int k = 0; k < id.length; k++) {
            id[k] = rnd.nextGaussian();
        }
        return new Truth(id, drawExpression(rnd), drawPose(rnd));
    }

    public double[] drawExpression(Random rnd) {
        double[] ex = new double[model.expressionCount()];
        int count = rnd.nextInt(5);
        for (int j = 0; j < count; j++) {
            String name = SyntheticFaces.EXPRESSIONS.get(rnd.nextInt(SyntheticFaces.EXPRESSIONS.size()));
            ex[model.expressionIndex(name)] = 0.2 + 0.8 * rnd.nextDouble();
        }
        return ex;
    }

    public Pose drawPose(Random rnd) {
        double yaw = -60 + 120 * rnd.nextDouble(), pitch = -25 + 50 * rnd.nextDouble();
        double roll = -20 + 40 * rnd.nextDouble(), s = 1 + rnd.nextDouble();
        int size = SyntheticFaces.IMAGE_SIZE;
        return Pose.sop(Rotation.fromEulerDegrees(yaw, pitch, roll), s, size / 2.0 + 20 * rnd.nextGaussian(),
            size / 2.0 + 20 * rnd.nextGaussian());
    }

    /**
     * Constant per-point offsets for a run: 68 image-plane offsets (u, v, in units of the IOD), each of length
     * U(0, maxFraction) in a uniform direction.
     */
    public static double[] drawOffsets(Random rnd, double maxFraction) {
        double[] o = new double[136];
        for (int i = 0; i < 68; i++) {
            double len = maxFraction * rnd.nextDouble(), ang = 2 * Math.PI * rnd.nextDouble();
            o[2 * i] = len * Math.cos(ang);
            o[2 * i + 1] = len * Math.sin(ang);
        }
        return o;
    }

    /**
     * The detector's view of a face.
     *
     * @param offsets null, or {@link #drawOffsets} (scaled by the face's IOD in pixels)
     * @param noise   null, or per-group Gaussian noise per axis (fractions of the IOD)
     */
    public Face render(Truth truth, Convention convention, double[] offsets, NoiseModel noise, Random rnd) {
        Pose pose = truth.pose();
        float[] all = model.evaluate(truth.identity(), truth.expression(), Region.FACE);
        double[] uv = new double[2 * (all.length / 3)];
        pose.project(all, all.length / 3, uv);
        double[] clean = new double[136];
        for (int i = 0; i < 68; i++) {
            clean[2 * i] = uv[2 * landmarks[i]];
            clean[2 * i + 1] = uv[2 * landmarks[i] + 1];
        }
        if (convention != Convention.FIXED_VERTICES) {
            double[] jaw = markJaw(convention, uv, clean);
            System.arraycopy(jaw, 0, clean, 0, 34);
        }
        double iodPx = pose.scale() * iod;
        double[] points = clean.clone();
        for (int i = 0; i < 68; i++) {
            if (offsets != null) {
                points[2 * i] += offsets[2 * i] * iodPx;
                points[2 * i + 1] += offsets[2 * i + 1] * iodPx;
            }
            if (noise != null) {
                double sd = noise.sigma68(i) * iodPx;
                points[2 * i] += sd * rnd.nextGaussian();
                points[2 * i + 1] += sd * rnd.nextGaussian();
            }
        }
        return new Face(truth.identity(), truth.expression(), pose, points, clean, iodPx);
    }

    /** The 17 jaw points (u, v each) by an outline convention. */
    private double[] markJaw(Convention convention, double[] uv, double[] lm) {
        Outline outline = outline(uv, lm);
        double[] jaw = new double[34];
        switch (convention) {
            case NEAREST_SILHOUETTE -> {
                for (int k = 0; k < 17; k++) {
                    int j = outline.nearest(lm[2 * k], lm[2 * k + 1], outline.from, outline.to);
                    jaw[2 * k] = outline.u[j];
                    jaw[2 * k + 1] = outline.v[j];
                }
            }
            case ARC_LENGTH -> {
                int a = outline.nearest(lm[0], lm[1], outline.from, outline.to);
                int b = outline.nearest(lm[32], lm[33], outline.from, outline.to);
                // from point 0 to 16 the way that passes the chin
                boolean forward = between(a, b, outline.chin);
                outline.evenlySpaced(forward ? a : b, forward ? b : a, 17, jaw);
                if (!forward) {
                    reverse(jaw);
                }
            }
            case NORMAL_CROSSING -> {
                for (int k = 0; k < 17; k++) {
                    int p = Math.max(0, k - 1), q = Math.min(16, k + 1);
                    double tu = lm[2 * q] - lm[2 * p], tv = lm[2 * q + 1] - lm[2 * p + 1];
                    double len = Math.hypot(tu, tv);
                    double nu = -tv / len, nv = tu / len;
                    if (nu * (lm[2 * k] - outline.cu) + nv * (lm[2 * k + 1] - outline.cv) < 0) {
                        nu = -nu;
                        nv = -nv;
                    }
                    double[] hit = outline.crossing(lm[2 * k], lm[2 * k + 1], nu, nv);
                    jaw[2 * k] = hit[0];
                    jaw[2 * k + 1] = hit[1];
                }
            }
            default -> throw new IllegalArgumentException(convention.toString());
        }
        return jaw;
    }

    /** The face's mask and its outline read along rays from the centre of the inner landmarks. */
    private Outline outline(double[] uv, double[] lm) {
        int size = SyntheticFaces.IMAGE_SIZE * SUPERSAMPLE;
        boolean[] mask = new boolean[size * size];
        for (int t = 0; t < triangles.length; t += 3) {
            fill(mask, size, uv, triangles[t], triangles[t + 1], triangles[t + 2]);
        }
        double cu = 0, cv = 0;
        for (int i = 17; i < 68; i++) {
            cu += lm[2 * i] / 51;
            cv += lm[2 * i + 1] / 51;
        }
        double[] ou = new double[RAYS], ov = new double[RAYS];
        for (int r = 0; r < RAYS; r++) {
            double ang = 2 * Math.PI * r / RAYS, du = Math.cos(ang), dv = Math.sin(ang);
            double last = 0;
            for (double d = 0; d < size; d += 0.25) {
                int x = (int) ((cu + d * du) * SUPERSAMPLE), y = (int) ((cv + d * dv) * SUPERSAMPLE);
                if (x < 0 || y < 0 || x >= size || y >= size) {
                    break;
                }
                if (mask[y * size + x]) {
                    last = d;
                }
            }
            ou[r] = cu + last * du;
            ov[r] = cv + last * dv;
        }
        // the jaw's part: from the outline point nearest to point 0 to the one nearest to point 16, via the one
        // nearest to the chin. Not the rays THROUGH those points: in a turned and tilted head the far side's jaw
        // vertices project next to the centre, where the direction of their ray is arbitrary, and the arc chosen
        // by it was a few degrees wide (all 17 points on one outline point: 7 of 200 faces, seed 7)
        int r0 = nearestRay(ou, ov, lm[0], lm[1]), r16 = nearestRay(ou, ov, lm[32], lm[33]);
        int r8 = nearestRay(ou, ov, lm[16], lm[17]);
        int from = r0, to = r16;
        if (!between(r0, r16, r8)) {
            from = r16;
            to = r0;
        }
        // widen by 10 degrees each way, so that nearest points are not cut off at the ends
        int pad = RAYS / 36;
        return new Outline(ou, ov, cu, cv, Math.floorMod(from - pad, RAYS), Math.floorMod(to + pad, RAYS), r8,
            mask, size);
    }

    /** The ray whose outline point lies nearest to (pu, pv). */
    private static int nearestRay(double[] ou, double[] ov, double pu, double pv) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ou.length; r++) {
            double d = (ou[r] - pu) * (ou[r] - pu) + (ov[r] - pv) * (ov[r] - pv);
            if (d < bestD) {
                bestD = d;
                best = r;
            }
        }
        return best;
    }

    /** Whether ray r lies on the arc from a to b in increasing ray order. */
    private static boolean between(int a, int b, int r) {
        return Math.floorMod(r - a, RAYS) <= Math.floorMod(b - a, RAYS);
    }

    /** Reverses the order of 17 (u, v) points in place. */
    private static void reverse(double[] jaw) {
        for (int k = 0; k < 8; k++) {
            for (int c = 0; c < 2; c++) {
                double t = jaw[2 * k + c];
                jaw[2 * k + c] = jaw[2 * (16 - k) + c];
                jaw[2 * (16 - k) + c] = t;
            }
        }
    }

    /** Sets the mask samples whose centres lie in the projected triangle. */
    private static void fill(boolean[] mask, int size, double[] uv, int a, int b, int c) {
        double s = SUPERSAMPLE;
        double ax = uv[2 * a] * s, ay = uv[2 * a + 1] * s, bx = uv[2 * b] * s, by = uv[2 * b + 1] * s;
        double cx = uv[2 * c] * s, cy = uv[2 * c + 1] * s;
        double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
            return;
        }
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx))));
        int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy))));
        int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5, py = y + 0.5;
                double w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
                double w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
                if (w0 >= 0 && w1 >= 0 && w0 + w1 <= 1) {
                    mask[y * size + x] = true;
                }
            }
        }
    }

    /** The outline samples of the RAYS rays, the jaw's arc [from, to] in ray order, and the mask. */
    private record Outline(double[] u, double[] v, double cu, double cv, int from, int to, int chin,
                           boolean[] mask, int size) {

        int nearest(double pu, double pv, int a, int b) {
            int best = a;
            double bestD = Double.MAX_VALUE;
            for (int r = a; ; r = (r + 1) % RAYS) {
                double d = sq(u[r] - pu) + sq(v[r] - pv);
                if (d < bestD) {
                    bestD = d;
                    best = r;
                }
                if (r == b) {
                    break;
                }
            }
            return best;
        }

        /** count points evenly spaced by arc length along the outline from ray a to ray b (inclusive). */
        void evenlySpaced(int a, int b, int count, double[] out) {
            int n = Math.floorMod(b - a, RAYS) + 1;
            if (n < 2) {
                for (int k = 0; k < count; k++) {
                    out[2 * k] = u[a];
                    out[2 * k + 1] = v[a];
                }
                return;
            }
            double[] cum = new double[n];
            for (int i = 1; i < n; i++) {
                int r = (a + i) % RAYS, p = (a + i - 1) % RAYS;
                cum[i] = cum[i - 1] + Math.hypot(u[r] - u[p], v[r] - v[p]);
            }
            int seg = 0;
            for (int k = 0; k < count; k++) {
                double target = cum[n - 1] * k / (count - 1);
                while (seg < n - 2 && cum[seg + 1] < target) {
                    seg++;
                }
                double len = cum[seg + 1] - cum[seg], t = len > 0 ? (target - cum[seg]) / len : 0;
                t = Math.max(0, Math.min(1, t));
                int r = (a + seg) % RAYS, q = (a + seg + 1) % RAYS;
                out[2 * k] = u[r] + t * (u[q] - u[r]);
                out[2 * k + 1] = v[r] + t * (v[q] - v[r]);
            }
        }

        /**
         * Where the line through (pu, pv) along (nu, nv) leaves the mask for the last time within 60 px either way
         * (the outermost face sample on the line); the point itself if the line meets no face.
         */
        double[] crossing(double pu, double pv, double nu, double nv) {
            double best = Double.NaN;
            for (double d = -60; d <= 60; d += 0.1) {
                int x = (int) ((pu + d * nu) * SUPERSAMPLE), y = (int) ((pv + d * nv) * SUPERSAMPLE);
                if (x >= 0 && y >= 0 && x < size && y < size && mask[y * size + x]) {
                    best = d;
                }
            }
            double d = Double.isNaN(best) ? 0 : best;
            return new double[] {pu + d * nu, pv + d * nv};
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
