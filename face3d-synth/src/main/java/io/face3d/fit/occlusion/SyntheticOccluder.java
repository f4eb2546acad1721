package io.face3d.fit.occlusion;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.Rasterizer;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.render.SyntheticFace;

import java.util.Random;

/**
 * Synthetic occluders pasted onto {@link SyntheticFace} renders, for the occlusion bench and tests: sunglasses (two
 * dark lenses and a bridge), a gloved hand (palm and four fingers, over one cheek), a medical mask (pleated, light
 * blue, nose to chin) and a bar across the mouth; filled shapes in a face frame (origin between the eye centres,
 * unit = the eye-centre distance, axes along and across the eye line) with a colour unlike skin, a stripe pattern
 * and noise. The size is adjusted until the occluder covers {@code [minCover, maxCover]} of the face region (the
 * true narrow face area projected).
 */
public final class SyntheticOccluder {
    /** Occluder shapes. */
    public enum Kind { SUNGLASSES, HAND, MEDICAL_MASK, BAR }

    /**
     * An occluded render.
     *
     * @param image      the photo with the occluder
     * @param occluder   width x height flags of the occluder's pixels
     * @param faceRegion width x height flags of the true face region (narrow face area projected)
     * @param coverage   occluder pixels in the face region / face region pixels
     */
    public record Occluded(RgbImage image, boolean[] occluder, boolean[] faceRegion, Kind kind, double coverage) {
    }

    private SyntheticOccluder() {
    }

    /** The true face region: the narrow face area of the face's own mesh under its pose. */
    public static boolean[] faceRegion(MorphableModel model, SyntheticFace f) {
        int w = f.image().width(), h = f.image().height();
        int[] tri = model.triangles(Region.NARROW);
        float[] p = f.mesh().positions();
        Rasterizer r = new Rasterizer(w, h);
        r.render(p, p.length / 3, tri, tri.length / 3, f.pose());
        boolean[] out = new boolean[w * h];
        int[] ids = r.triangleIds();
        for (int i = 0; i < out.length; i++) {
            out[i] = ids[i] >= 0;
        }
        return out;
    }

    /** Pastes an occluder of this kind covering a fraction drawn in [minCover, maxCover] of the face region. */
    public static Occluded paste(MorphableModel model, SyntheticFace f, Kind kind, Random rnd, double minCover, double maxCover) {
        RgbImage img = f.image();
        int w = img.width(), h = img.height();
        boolean[] region = faceRegion(model, f);
        double[] q = f.landmarks();
        double lx = 0, ly = 0, rx = 0, ry = 0;
        for (int k = 36; k < 42; k++) {
            lx += q[2 * k] / 6;
            ly += q[2 * k + 1] / 6;
            rx += q[2 * k + 6 * 2] / 6;
            ry += q[2 * k + 6 * 2 + 1] / 6;
        }
        double e = Math.hypot(rx - lx, ry - ly), cx = (lx + rx) / 2, cy = (ly + ry) / 2;
        double ax = (rx - lx) / e, ay = (ry - ly) / e; // along the eye line; across = (-ay, ax) points down
        double side = rnd.nextBoolean() ? 1 : -1;
        double angle = Math.toRadians(20 * (rnd.nextDouble() - 0.5));
        double shift = 0.15 * (rnd.nextDouble() - 0.5);
        double target = minCover + (maxCover - minCover) * (0.15 + 0.7 * rnd.nextDouble());
        double scale = 1;
        boolean[] shape = null;
        double cover = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            shape = new boolean[w * h];
            int inRegion = 0, regionCount = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                    double a = (dx * ax + dy * ay) / e, b = (-dx * ay + dy * ax) / e;
                    boolean in = inside(kind, a, b, scale, side, angle, shift);
                    shape[y * w + x] = in;
                    if (region[y * w + x]) {
                        regionCount++;
                        inRegion += in ? 1 : 0;
                    }
                }
            }
            cover = (double) inRegion / Math.max(1, regionCount);
            if (cover >= minCover && cover <= maxCover) {
                break;
            }
            scale *= Math.sqrt(target / Math.max(cover, 1e-3));
        }
        byte[] out = img.rgb().clone();
        int[][] palette = switch (kind) {
            case SUNGLASSES -> new int[][] {{25, 25, 30}, {60, 60, 75}};
            case HAND -> new int[][] {{40, 70, 160}, {70, 150, 90}, {120, 60, 140}};
            case MEDICAL_MASK -> new int[][] {{150, 195, 220}, {230, 235, 240}};
            case BAR -> new int[][] {{20, 20, 20}, {240, 240, 240}, {40, 140, 60}, {30, 60, 170}};
        };
        int[] base = palette[rnd.nextInt(palette.length)];
        double period = 4 + 6 * rnd.nextDouble();
        for (int i = 0; i < shape.length; i++) {
            if (!shape[i]) {
                continue;
            }
            int x = i % w, y = i / w;
            double stripe = Math.sin(2 * Math.PI * (kind == Kind.MEDICAL_MASK ? y : x + 0.5 * y) / period);
            for (int c = 0; c < 3; c++) {
                double v = base[c] * (1 + 0.12 * stripe) + 6 * rnd.nextGaussian();
                out[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new Occluded(new RgbImage(w, h, out), shape, region, kind, cover);
    }

    /** Shape membership in the face frame (a along the eyes, b down, unit = eye distance). */
    private static boolean inside(Kind kind, double a, double b, double s, double side, double angle, double shift) {
        double ca = Math.cos(angle), sa = Math.sin(angle);
        switch (kind) {
            case SUNGLASSES -> {
                double u = (ca * a + sa * b) / s, v = (-sa * a + ca * b) / s;
                boolean lens = ellipse(u - 0.5, v - 0.05, 0.40, 0.28) || ellipse(u + 0.5, v - 0.05, 0.40, 0.28);
                return lens || (Math.abs(u) < 0.15 && Math.abs(v + 0.08) < 0.05);
            }
            case HAND -> {
                // palm over one cheek, fingers pointing up and inward
                double u = side * (a - side * (0.75 + shift)), v = b - 1.0;
                double ru = (ca * u + sa * v) / s, rv = (-sa * u + ca * v) / s;
                if (ellipse(ru, rv, 0.42, 0.5)) {
                    return true;
                }
                for (int f = 0; f < 4; f++) {
                    double fx = -0.3 + 0.2 * f, len = f == 0 || f == 3 ? 0.5 : 0.65;
                    if (Math.abs(ru - fx) < 0.08 && rv < -0.2 && rv > -0.2 - len) {
                        return true;
                    }
                }
                return false;
            }
            case MEDICAL_MASK -> {
                double u = a / s, v = (b - 1.35) / s; // centred on the lower face, nose to chin
                return Math.abs(u) < 0.85 - 0.15 * v * v && v > -0.55 && v < 0.55 + 0.2 * (1 - Math.abs(u));
            }
            case BAR -> {
                double u = ca * a + sa * (b - 1.15 - shift), v = -sa * a + ca * (b - 1.15 - shift);
                return Math.abs(u) < 1.3 && Math.abs(v) < 0.22 * s;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static boolean ellipse(double u, double v, double ra, double rb) {
        return (u / ra) * (u / ra) + (v / rb) * (v / rb) <= 1;
    }
}
