package io.face3d.fit.photometric;

import io.face3d.core.geom.Polygons;
import io.face3d.core.model.MorphableModel;

/**
 * Which of the photo's pixels the photometric term may explain as skin: the per-photo face-parsing mask, from the
 * pixel's colour (the photo's own {@link SkinColourModel}) and from where the pixel falls on the current fit (model
 * regions of eyes, brows, lips and hairline). A pixel the model cannot render (hair, brows, lashes, lips, beard, a
 * cast shadow, background behind the jaw) would otherwise pull the shape toward explaining it by shading.
 */
public final class FaceParsing {
    /** How strictly pixels are parsed. */
    public enum Mode {
        /** every sampled pixel, weighted by the skin attention of {@link SkinColourModel#weight} (at least 0.1) */
        SOFT_COLOUR,
        /** as SOFT_COLOUR, but pixels far from the skin chroma or much darker than the skin left out */
        COLOUR,
        /** as COLOUR, and the vertices in the model's eye, brow, lip and hairline regions left out */
        COLOUR_AND_REGIONS
    }

    /** Chroma farther than this many standard deviations from the photo's skin is not skin (chi-square(2) 99.9%). */
    private static final double MAX_MAHALANOBIS2 = 13.8;
    /** Pixels darker than this share of the mean skin luminance are hair, brows, nostrils or cast shadow. */
    private static final double MIN_LUMINANCE_SHARE = 0.3;

    private final Mode mode;
    private final SkinColourModel skin;
    private final boolean[] skinRegion;
    private final double minLuminance;

    /**
     * @param mode       parsing mode
     * @param skin       the photo's skin colour model
     * @param skinRegion per face vertex: in the model's plain-skin region ({@link #skinVertices})
     */
    public FaceParsing(Mode mode, SkinColourModel skin, boolean[] skinRegion) {
        this.mode = mode;
        this.skin = skin;
        this.skinRegion = skinRegion;
        double[] m = skin.meanRgb();
        minLuminance = MIN_LUMINANCE_SHARE * luminance(m[0], m[1], m[2]);
    }

    /** Whether vertex v carries photometric samples at all under this mode (before its colour is seen). */
    public boolean samples(int v) {
        return mode != Mode.COLOUR_AND_REGIONS || skinRegion[v];
    }

    /** The attention of a sample of colour (r, g, b) at a vertex {@link #samples} admits: 0 = not skin. */
    public double attention(double r, double g, double b) {
        if (mode != Mode.SOFT_COLOUR
            && (skin.mahalanobis2(r, g, b) > MAX_MAHALANOBIS2 || luminance(r, g, b) < minLuminance)) {
            return 0;
        }
        return skin.weight(r, g, b);
    }

    private static double luminance(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    /**
     * The model's plain-skin vertices among the first n: the mean face's front (z > 60 mm) below the hairline
     * (y < 80 mm), farther than 14 mm from the eye centres, 6 mm from the brow landmarks and 5 mm outside the outer
     * lip contour.
     */
    public static boolean[] skinVertices(MorphableModel model, int n) {
        int[] lm = model.landmarks68();
        float[] m = model.meanArray();
        boolean[] out = new boolean[n];
        double[] lipHull = new double[24];
        for (int k = 48; k < 60; k++) {
            lipHull[2 * (k - 48)] = m[3 * lm[k]];
            lipHull[2 * (k - 48) + 1] = m[3 * lm[k] + 1];
        }
        double[][] eyes = new double[2][2];
        for (int k = 36; k < 48; k++) {
            eyes[k < 42 ? 0 : 1][0] += m[3 * lm[k]] / 6;
            eyes[k < 42 ? 0 : 1][1] += m[3 * lm[k] + 1] / 6;
        }
        for (int v = 0; v < n; v++) {
            double x = m[3 * v], y = m[3 * v + 1], z = m[3 * v + 2];
            boolean ok = z > 60 && y < 80;
            for (double[] e : eyes) {
                ok &= Math.hypot(x - e[0], y - e[1]) > 14;
            }
            for (int k = 17; k < 27 && ok; k++) {
                ok = Math.hypot(x - m[3 * lm[k]], y - m[3 * lm[k] + 1]) > 6;
            }
            if (ok && y < -10 && y > -60) {
                ok = !Polygons.contains(lipHull, x, y) && RegionalAlbedo.distanceToPolygon(lipHull, x, y) > 5;
            }
            out[v] = ok;
        }
        return out;
    }
}
