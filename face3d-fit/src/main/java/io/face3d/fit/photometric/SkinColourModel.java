package io.face3d.fit.photometric;

import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Polygons;

/**
 * A per-photo skin colour model: a 2D Gaussian in normalised-rg chromaticity (r / (r+g+b), g / (r+g+b)),
 * which discounts shading, fitted to the pixels inside the convex hull of the face's landmarks and refitted once
 * on the pixels within 2.5 standard deviations (so eyes, brows and lips inside the hull do not widen it).
 * {@link #weight} gives the photometric attention A of Deng et al. 2019: 1 where the skin probability
 * P = exp(-d^2 / 2) exceeds 0.5, else max(P, 0.1) (0.1: the attention outside skin).
 */
public final class SkinColourModel {
    private final double mr, mg, ia, ib, ic;
    private final double[] meanRgb;

    private SkinColourModel(double mr, double mg, double[] cov, double[] meanRgb) {
        this.mr = mr;
        this.mg = mg;
        double det = cov[0] * cov[2] - cov[1] * cov[1];
        ia = cov[2] / det;
        ib = -cov[1] / det;
        ic = cov[0] / det;
        this.meanRgb = meanRgb;
    }

    /**
     * Fits the model to an interleaved float RGB image (values in [0, 1]) inside a polygon.
     *
     * @param hull convex polygon (x, y interleaved, image pixels), e.g. the landmarks' convex hull
     */
    public static SkinColourModel fit(float[] rgb, int width, int height, double[] hull) {
        return fit(rgb, width, height, hull, null);
    }

    /** As {@link #fit(float[], int, int, double[])}, leaving out the pixels flagged in {@code excluded} (width x height, null = none). */
    public static SkinColourModel fit(float[] rgb, int width, int height, double[] hull, boolean[] excluded) {
        Box2 box = Box2.of(hull, 2);
        int x0 = Math.max(0, (int) box.minX()), x1 = Math.min(width - 1, (int) box.maxX());
        int y0 = Math.max(0, (int) box.minY()), y1 = Math.min(height - 1, (int) box.maxY());
        SkinColourModel model = null;
        for (int pass = 0; pass < 2; pass++) {
            double[] s = new double[8];
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if ((excluded != null && excluded[y * width + x]) || !Polygons.contains(hull, x + 0.5, y + 0.5)) {
                        continue;
                    }
                    int i = 3 * (y * width + x);
                    double r = rgb[i], g = rgb[i + 1], b = rgb[i + 2], sum = r + g + b + 1e-6;
                    double cr = r / sum, cg = g / sum;
                    if (model != null && model.mahalanobis2(cr, cg) > 2.5 * 2.5) {
                        continue;
                    }
                    s[0]++;
                    s[1] += cr;
                    s[2] += cg;
                    s[3] += cr * cr;
                    s[4] += cr * cg;
                    s[5] += cg * cg;
                    s[6] += r;
                    s[7] += g;
                }
            }
            if (s[0] < 20) {
                if (model != null) {
                    break;
                }
                throw new IllegalArgumentException("the landmark hull covers fewer than 20 pixels: the face is too small");
            }
            double n = s[0], mr = s[1] / n, mg = s[2] / n;
            double[] cov = {s[3] / n - mr * mr + 1e-5, s[4] / n - mr * mg, s[5] / n - mg * mg + 1e-5};
            double meanR = s[6] / n, meanG = s[7] / n;
            double meanB = Math.max(0, meanR / mr - meanR - meanG);
            model = new SkinColourModel(mr, mg, cov, new double[] {meanR, meanG, meanB});
        }
        return model;
    }

    /**
     * A skin model robust to a large share of non-skin pixels (an occluder over a quarter of the face): started
     * from the median chroma and its MAD (breakdown point 50%, where the mean of {@link #fit} follows the occluder),
     * then refitted three times on the pixels within 2.5 standard deviations.
     *
     * @param include width x height flags of the candidate pixels (at least 20)
     */
    public static SkinColourModel fitRobust(float[] rgb, int width, int height, boolean[] include) {
        int n = 0;
        for (boolean b : include) {
            n += b ? 1 : 0;
        }
        if (n < 20) {
            throw new IllegalArgumentException("fewer than 20 candidate skin pixels: the face is too small");
        }
        double[] cr = new double[n], cg = new double[n];
        int[] index = new int[n];
        for (int i = 0, k = 0; i < include.length; i++) {
            if (include[i]) {
                double sum = rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2] + 1e-6;
                cr[k] = rgb[3 * i] / sum;
                cg[k] = rgb[3 * i + 1] / sum;
                index[k++] = i;
            }
        }
        double mr = median(cr), mg = median(cg);
        double[] dr = new double[n], dg = new double[n];
        for (int k = 0; k < n; k++) {
            dr[k] = Math.abs(cr[k] - mr);
            dg[k] = Math.abs(cg[k] - mg);
        }
        double sr = 1.4826 * median(dr) + 1e-3, sg = 1.4826 * median(dg) + 1e-3;
        SkinColourModel model = new SkinColourModel(mr, mg, new double[] {sr * sr, 0, sg * sg}, null);
        for (int pass = 0; pass < 3; pass++) {
            double[] s = new double[8];
            for (int k = 0; k < n; k++) {
                if (model.mahalanobis2(cr[k], cg[k]) > 2.5 * 2.5) {
                    continue;
                }
                int i = index[k];
                s[0]++;
                s[1] += cr[k];
                s[2] += cg[k];
                s[3] += cr[k] * cr[k];
                s[4] += cr[k] * cg[k];
                s[5] += cg[k] * cg[k];
                s[6] += rgb[3 * i];
                s[7] += rgb[3 * i + 1];
            }
            if (s[0] < 20) {
                break;
            }
            double c = s[0], ar = s[1] / c, ag = s[2] / c;
            double[] cov = {s[3] / c - ar * ar + 1e-5, s[4] / c - ar * ag, s[5] / c - ag * ag + 1e-5};
            double meanR = s[6] / c, meanG = s[7] / c;
            model = new SkinColourModel(ar, ag, cov, new double[] {meanR, meanG, Math.max(0, meanR / ar - meanR - meanG)});
        }
        return model;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private double mahalanobis2(double cr, double cg) {
        double dr = cr - mr, dg = cg - mg;
        return ia * dr * dr + 2 * ib * dr * dg + ic * dg * dg;
    }

    /** Squared Mahalanobis distance of a colour's chroma from the skin's. */
    double mahalanobis2(double r, double g, double b) {
        double sum = r + g + b + 1e-6;
        return mahalanobis2(r / sum, g / sum);
    }

    /** Skin probability P in (0, 1] of a colour. */
    public double probability(double r, double g, double b) {
        return Math.exp(-0.5 * mahalanobis2(r, g, b));
    }

    /** Photometric attention: 1 where P > 0.5, else max(P, 0.1). */
    public double weight(double r, double g, double b) {
        double p = probability(r, g, b);
        return p > 0.5 ? 1 : Math.max(p, 0.1);
    }

    /** Mean RGB of the skin pixels (values in [0, 1]). */
    public double[] meanRgb() {
        return meanRgb.clone();
    }

    /** Convex hull (x, y interleaved, counter-clockwise in a y-up sense) of 2D points, Andrew's monotone chain. */
    public static double[] convexHull(double[] pts) {
        int n = pts.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> pts[2 * a] != pts[2 * b] ? Double.compare(pts[2 * a], pts[2 * b])
            : Double.compare(pts[2 * a + 1], pts[2 * b + 1]));
        int[] h = new int[2 * n];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int ii = 0; ii < n; ii++) {
                int i = order[pass == 0 ? ii : n - 1 - ii];
                while (k >= start + 2 && cross(pts, h[k - 2], h[k - 1], i) <= 0) {
                    k--;
                }
                h[k++] = i;
            }
            k--;
        }
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = pts[2 * h[i]];
            out[2 * i + 1] = pts[2 * h[i] + 1];
        }
        return out;
    }

    private static double cross(double[] p, int o, int a, int b) {
        return (p[2 * a] - p[2 * o]) * (p[2 * b + 1] - p[2 * o + 1]) - (p[2 * a + 1] - p[2 * o + 1]) * (p[2 * b] - p[2 * o]);
    }
}
