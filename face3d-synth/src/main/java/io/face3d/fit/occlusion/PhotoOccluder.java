package io.face3d.fit.occlusion;

import io.face3d.core.image.RgbImage;

/**
 * Photographic-looking occluders drawn onto any photo with its 68 landmarks, for demos and for the occlusion bench
 * on the example photos (where {@link SyntheticOccluder}'s flat striped shapes would be too easy): sunglasses
 * (dark tinted lenses darker at the top with a sky reflection band, a glossy frame with a lit upper edge, bridge and
 * temple arms, a soft shadow on the skin below) and a hand held over the mouth and one cheek (fingers and palm
 * shaded as cylinders under a light from above, skin tone, dark creases between the fingers, a contact shadow).
 * Shapes are signed distance functions in a face frame (origin between the eye centres, unit = the eye-centre
 * distance, axes along and across the eye line), so edges are anti-aliased (coverage = 0.5 - distance in pixels,
 * clamped) and the occluder follows the face's roll and size. Deterministic: no randomness.
 */
public final class PhotoOccluder {
    /** Occluder kinds drawn here. */
    public enum Kind { SUNGLASSES, HAND }

    /**
     * An occluded photo.
     *
     * @param image    the photo with the occluder
     * @param occluder width x height flags: pixels more than half covered by the occluder (its shadow excluded)
     */
    public record Drawn(RgbImage image, boolean[] occluder) {
    }

    private PhotoOccluder() {
    }

    /** Draws the occluder onto the photo whose face has these 68 landmarks (iBUG order, pixels). */
    public static Drawn draw(RgbImage photo, double[] landmarks, Kind kind) {
        if (landmarks == null || landmarks.length != 136) {
            throw new IllegalArgumentException("need 68 landmarks");
        }
        double lx = 0, ly = 0, rx = 0, ry = 0;
        for (int k = 36; k < 42; k++) {
            lx += landmarks[2 * k] / 6;
            ly += landmarks[2 * k + 1] / 6;
            rx += landmarks[2 * k + 12] / 6;
            ry += landmarks[2 * k + 13] / 6;
        }
        double e = Math.hypot(rx - lx, ry - ly);
        Frame f = new Frame((lx + rx) / 2, (ly + ry) / 2, (rx - lx) / e, (ry - ly) / e, e);
        // face half-width at eye height, from the jaw points 0 and 16 (where the temple arms leave the face)
        double halfWidth = Math.max(0.9, Math.hypot(landmarks[32] - landmarks[0], landmarks[33] - landmarks[1]) / e / 2);
        int w = photo.width(), h = photo.height();
        float[] rgb = photo.toFloats();
        boolean[] occ = new boolean[w * h];
        double[] col = new double[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - f.cx, dy = y + 0.5 - f.cy;
                double a = (dx * f.ax + dy * f.ay) / e, b = (-dx * f.ay + dy * f.ax) / e;
                int i = y * w + x;
                double cover = kind == Kind.SUNGLASSES ? glasses(a, b, e, halfWidth, col) : hand(a, b, e, col);
                double shade = kind == Kind.SUNGLASSES ? glassesShadow(a, b, e, halfWidth) : handShadow(a, b, e);
                for (int c = 0; c < 3; c++) {
                    double under = rgb[3 * i + c] * (1 - shade);
                    rgb[3 * i + c] = (float) (cover * 255 * col[c] + (1 - cover) * under);
                }
                occ[i] = cover > 0.5;
            }
        }
        return new Drawn(RgbImage.fromFloats(w, h, rgb), occ);
    }

    private record Frame(double cx, double cy, double ax, double ay, double e) {
    }

    // ---- sunglasses --------------------------------------------------------------------------------------------

    private static final double LENS_A = 0.38, LENS_B = 0.28, LENS_DROP = 0.06, RIM = 0.035;

    /** Signed distance (eye units) to a lens outline: a superellipse (exponent 2.5, a rounded box). */
    private static double lens(double a, double b) {
        double u = (Math.abs(a) - 0.5) / LENS_A, v = (b - LENS_DROP) / LENS_B;
        double r = Math.pow(Math.pow(Math.abs(u), 2.5) + Math.pow(Math.abs(v), 2.5), 1 / 2.5);
        return (r - 1) * Math.min(LENS_A, LENS_B);
    }

    /** Distance to the segment p0-p1 (eye units) minus a radius: a capsule. */
    private static double capsule(double a, double b, double a0, double b0, double a1, double b1, double radius) {
        double da = a1 - a0, db = b1 - b0;
        double t = Math.max(0, Math.min(1, ((a - a0) * da + (b - b0) * db) / (da * da + db * db)));
        return Math.hypot(a - a0 - t * da, b - b0 - t * db) - radius;
    }

    /** Frame parts (rim around both lenses, bridge, temple arms to the face's edge). */
    private static double frame(double a, double b, double halfWidth) {
        double rim = Math.abs(lens(a, b)) - RIM;
        double bridge = capsule(a, b, -0.12, -0.12, 0.12, -0.12, 0.025);
        double side = Math.signum(a) == 0 ? 1 : Math.signum(a);
        double temple = capsule(a, b, side * (0.5 + LENS_A - 0.02), -0.12, side * (halfWidth + 0.05), -0.16, 0.03);
        return Math.min(rim, Math.min(bridge, temple));
    }

    private static double glasses(double a, double b, double e, double halfWidth, double[] col) {
        double lensD = lens(a, b), frameD = frame(a, b, halfWidth);
        double lensCover = clamp(0.5 - lensD * e), frameCover = clamp(0.5 - frameD * e);
        double cover = Math.max(lensCover, frameCover);
        if (cover <= 0) {
            return 0;
        }
        // lens: brown-grey tint, darker at the top (gradient lens), a soft diagonal reflection band of the sky
        double v = (b - LENS_DROP) / LENS_B; // -1 top .. 1 bottom
        double grad = 0.55 + 0.35 * clamp((v + 1) / 2);
        double u = (Math.abs(a) - 0.5) / LENS_A;
        double band = Math.exp(-Math.pow((u + 0.8 * v - 0.35) / 0.18, 2));
        double[] tint = {0.16, 0.13, 0.11};
        double[] lensCol = new double[3];
        for (int c = 0; c < 3; c++) {
            lensCol[c] = tint[c] * grad + 0.22 * band * (c == 2 ? 1.0 : 0.85);
        }
        // frame: near-black acetate, lit along its upper edge
        double lit = clamp(-(b - LENS_DROP) / LENS_B) * 0.18;
        double frameMix = frameCover <= 0 ? 0 : frameCover / Math.max(cover, 1e-9);
        for (int c = 0; c < 3; c++) {
            col[c] = frameMix * (0.05 + lit) + (1 - frameMix) * lensCol[c];
        }
        return cover;
    }

    /** Darkening of the skin under the glasses: the lens outline shifted down and right, blurred. */
    private static double glassesShadow(double a, double b, double e, double halfWidth) {
        double d = Math.min(lens(a - 0.03, b - 0.07), frame(a - 0.03, b - 0.07, halfWidth));
        return 0.35 * clamp(0.5 - d / 0.06);
    }

    // ---- hand --------------------------------------------------------------------------------------------------

    /**
     * Fingers (base a, b, tip a, b, radius; eye units): held together, laid across the mouth from the image's left,
     * the middle finger longest; the thumb along the jaw below.
     */
    private static final double[][] FINGERS = {
        {-1.05, 0.92, 0.10, 0.84, 0.10},  // index
        {-1.05, 1.11, 0.28, 1.05, 0.10},  // middle
        {-1.05, 1.30, 0.22, 1.28, 0.097}, // ring
        {-1.05, 1.48, 0.02, 1.50, 0.085}, // little
        {-1.00, 2.05, -0.40, 1.83, 0.11}, // thumb
    };

    private static final double[] PALM = {-1.55, 1.35, -1.15, 1.40, 0.45};

    private static double handShape(double a, double b) {
        double d = capsule(a, b, PALM[0], PALM[1], PALM[2], PALM[3], PALM[4]);
        for (double[] g : FINGERS) {
            d = Math.min(d, capsule(a, b, g[0], g[1], g[2], g[3], g[4]));
        }
        return d;
    }

    private static double hand(double a, double b, double e, double[] col) {
        double d = handShape(a, b);
        double cover = clamp(0.5 - d * e);
        if (cover <= 0) {
            return 0;
        }
        // shading: each part a cylinder; the nearest part's normal across its axis, light from the upper left
        double best = Double.MAX_VALUE, across = 0;
        int part = -1;
        for (int k = 0; k < FINGERS.length; k++) {
            double[] g = FINGERS[k];
            double dd = capsule(a, b, g[0], g[1], g[2], g[3], g[4]);
            if (dd < best) {
                best = dd;
                part = k;
                across = -dd / g[4];
            }
        }
        double palm = capsule(a, b, PALM[0], PALM[1], PALM[2], PALM[3], PALM[4]);
        if (palm < best) {
            across = -palm / PALM[4];
            part = -1;
        }
        double nz = Math.sqrt(clamp(across * (2 - across))); // 0 at the edge, 1 on the axis
        double light = 0.55 + 0.45 * nz;
        // a crease where two fingers meet: the second-nearest finger is almost as near
        double second = Double.MAX_VALUE;
        for (int k = 0; k < FINGERS.length; k++) {
            if (k != part) {
                double[] g = FINGERS[k];
                second = Math.min(second, capsule(a, b, g[0], g[1], g[2], g[3], g[4]));
            }
        }
        double crease = part >= 0 && second - best < 0.015 ? 0.85 : 1;
        double[] skin = {0.86, 0.63, 0.52};
        for (int c = 0; c < 3; c++) {
            col[c] = skin[c] * light * crease;
        }
        return cover;
    }

    private static double handShadow(double a, double b, double e) {
        return 0.3 * clamp(0.5 - handShape(a + 0.06, b - 0.04) / 0.08);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
