package io.face3d.clinic;

import io.face3d.core.geom.Polygons;

/**
 * How open each eye looks in a photo, from the pixels themselves. Detectors' eyelid points do not follow a
 * closed lid (measured on renders: dlib and MediaPipe read one-sided closure no better than chance), so the
 * assessment also measures the eye region's appearance: an open eye shows sclera (bright, unsaturated) and iris
 * or pupil (dark), a closed one shows lid skin. Openness is the fraction of pixels in the eye region that do not
 * look like the face's own skin, the skin model being a Gaussian in (r, g, b) fitted to two cheek patches of the
 * same photo (so lighting and skin tone cancel). Closure from pixels = 1 - openness(movement) / openness(rest).
 */
public final class EyeOpenness {
    /** Squared Mahalanobis distance beyond which a pixel is not skin (chi-square, 3 dof, p = 0.001). */
    private static final double NOT_SKIN_D2 = 16.27;
    private static final int[] RIGHT_EYE = {36, 37, 38, 39, 40, 41};
    private static final int[] LEFT_EYE = {42, 43, 44, 45, 46, 47};

    private EyeOpenness() {
    }

    /**
     * @param rgb      interleaved 8-bit RGB, rows top to bottom
     * @param points68 the 68 landmarks in the photo (x, y interleaved, pixels): the fit's reprojected points
     * @return {right, left} openness in [0, 1]
     */
    public static double[] measure(byte[] rgb, int width, int height, double[] points68) {
        double[] stats = skinModel(rgb, width, height, points68);
        return new double[] {
            notSkinFraction(rgb, width, height, points68, RIGHT_EYE, stats),
            notSkinFraction(rgb, width, height, points68, LEFT_EYE, stats)};
    }

    /**
     * The points whose eye polygons {@link #measure} should read in a photo or frame of a face whose rest photo had
     * the points {@code rest}: each eye's rest polygon carried by the similarity (shift, turn, scale) that takes its
     * two rest corners (36, 39 / 42, 45, which closing the lid does not move) onto the followed corners; the other
     * points are {@code followed}'s. Why not the followed or fitted lid points: a closing lid carries them down, the
     * polygon collapses onto the lid line (lashes, dark) and no longer covers the sclera and iris it covered at rest;
     * the rest region carried with the eye is where the lid skin appears.
     *
     * @param rest     the rest photo's 68 points (x, y interleaved, pixels)
     * @param followed the same points followed into this photo or frame
     */
    public static double[] restRegions(double[] rest, double[] followed) {
        double[] out = followed.clone();
        for (int[] eye : new int[][] {RIGHT_EYE, LEFT_EYE}) {
            int a = eye[0], b = eye[3];
            double rx = rest[2 * b] - rest[2 * a], ry = rest[2 * b + 1] - rest[2 * a + 1];
            double fx = followed[2 * b] - followed[2 * a], fy = followed[2 * b + 1] - followed[2 * a + 1];
            double n = rx * rx + ry * ry;
            // Complex ratio (fx + i fy) / (rx + i ry): the turn and scale from the rest corner line to the followed one.
            double c = n > 1e-9 ? (fx * rx + fy * ry) / n : 1, s = n > 1e-9 ? (fy * rx - fx * ry) / n : 0;
            for (int p : eye) {
                double dx = rest[2 * p] - rest[2 * a], dy = rest[2 * p + 1] - rest[2 * a + 1];
                out[2 * p] = followed[2 * a] + c * dx - s * dy;
                out[2 * p + 1] = followed[2 * a + 1] + s * dx + c * dy;
            }
        }
        return out;
    }

    /** Mean (3) and inverse covariance (9) of the skin colour in cheek patches below each eye. */
    static double[] skinModel(byte[] rgb, int w, int h, double[] p) {
        double iod = Math.hypot(p[2 * 45] - p[2 * 36], p[2 * 45 + 1] - p[2 * 36 + 1]);
        int r = Math.max(2, (int) Math.round(0.12 * iod));
        double[] sum = new double[3];
        double[] sq = new double[9];
        int n = 0;
        // Cheek centres: midway between the lower lid (41 / 46) and the mouth corner (48 / 54), pulled outward.
        int[][] cheeks = {{41, 48, 2}, {46, 54, 14}};
        for (int[] c : cheeks) {
            double cx = (p[2 * c[0]] + p[2 * c[1]] + p[2 * c[2]]) / 3;
            double cy = (p[2 * c[0] + 1] + p[2 * c[1] + 1]) / 2;
            for (int y = (int) cy - r; y <= (int) cy + r; y++) {
                for (int x = (int) cx - r; x <= (int) cx + r; x++) {
                    if (x < 0 || y < 0 || x >= w || y >= h) {
                        continue;
                    }
                    int o = 3 * (y * w + x);
                    double[] v = {rgb[o] & 0xff, rgb[o + 1] & 0xff, rgb[o + 2] & 0xff};
                    for (int a = 0; a < 3; a++) {
                        sum[a] += v[a];
                        for (int b = 0; b < 3; b++) {
                            sq[3 * a + b] += v[a] * v[b];
                        }
                    }
                    n++;
                }
            }
        }
        if (n < 10) {
            throw new io.face3d.core.Face3dException("the cheeks are outside the photo: eye closure cannot be read "
                + "from the pixels; give a photo that shows the whole face");
        }
        double[] mean = {sum[0] / n, sum[1] / n, sum[2] / n};
        double[] cov = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                cov[3 * a + b] = sq[3 * a + b] / n - mean[a] * mean[b] + (a == b ? 9.0 : 0); // 3-level noise floor
            }
        }
        double[] inv = invert3(cov);
        double[] out = new double[12];
        System.arraycopy(mean, 0, out, 0, 3);
        System.arraycopy(inv, 0, out, 3, 9);
        return out;
    }

    static double notSkinFraction(byte[] rgb, int w, int h, double[] p, int[] eye, double[] skin) {
        // The eye region: the landmark polygon enlarged 1.2x about its centroid, so a lid that the detector
        // leaves open still covers the region where sclera and iris would be.
        double cx = 0, cy = 0;
        for (int i : eye) {
            cx += p[2 * i] / eye.length;
            cy += p[2 * i + 1] / eye.length;
        }
        double[] poly = new double[2 * eye.length];
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int k = 0; k < eye.length; k++) {
            poly[2 * k] = cx + 1.2 * (p[2 * eye[k]] - cx);
            poly[2 * k + 1] = cy + 1.2 * (p[2 * eye[k] + 1] - cy);
            minX = Math.min(minX, poly[2 * k]);
            maxX = Math.max(maxX, poly[2 * k]);
            minY = Math.min(minY, poly[2 * k + 1]);
            maxY = Math.max(maxY, poly[2 * k + 1]);
        }
        // A closed eye's polygon collapses to a line: widen the region vertically to a quarter of its width.
        double minHeight = 0.25 * (maxX - minX);
        if (maxY - minY < minHeight) {
            double mid = (maxY + minY) / 2;
            minY = mid - minHeight / 2;
            maxY = mid + minHeight / 2;
        }
        int inside = 0, notSkin = 0;
        boolean flat = true;
        for (int k = 0; k < eye.length; k++) {
            flat &= Math.abs(poly[2 * k + 1] - cy) < minHeight / 2;
        }
        for (int y = (int) Math.floor(minY); y <= (int) Math.ceil(maxY); y++) {
            for (int x = (int) Math.floor(minX); x <= (int) Math.ceil(maxX); x++) {
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                if (!flat && !Polygons.contains(poly, x + 0.5, y + 0.5)) {
                    continue;
                }
                inside++;
                int o = 3 * (y * w + x);
                double d0 = (rgb[o] & 0xff) - skin[0], d1 = (rgb[o + 1] & 0xff) - skin[1], d2 = (rgb[o + 2] & 0xff) - skin[2];
                double m = d0 * (skin[3] * d0 + skin[4] * d1 + skin[5] * d2)
                    + d1 * (skin[6] * d0 + skin[7] * d1 + skin[8] * d2)
                    + d2 * (skin[9] * d0 + skin[10] * d1 + skin[11] * d2);
                if (m > NOT_SKIN_D2) {
                    notSkin++;
                }
            }
        }
        return inside == 0 ? 0 : (double) notSkin / inside;
    }

    static double[] invert3(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }
}
