package io.face3d.clinic;

import io.face3d.core.geom.Polygons;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EyeOpennessTest {
    private static final int W = 400, H = 400;

    /** Landmarks of the mean face seen frontally, 3 px per mm, centred in the image. */
    private static double[] frontalPoints() {
        float[] lm = TestModel.get().evaluate(null, null, TestModel.get().landmarks68());
        double[] p = new double[136];
        for (int i = 0; i < 68; i++) {
            p[2 * i] = W / 2.0 + 3 * lm[3 * i];
            p[2 * i + 1] = H / 2.0 - 3 * (lm[3 * i + 1] - 20);
        }
        return p;
    }

    private static byte[] skinImage(long seed) {
        Random rnd = new Random(seed);
        byte[] rgb = new byte[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            double n = 6 * rnd.nextGaussian();
            rgb[3 * i] = (byte) clamp(200 + n);
            rgb[3 * i + 1] = (byte) clamp(150 + n);
            rgb[3 * i + 2] = (byte) clamp(125 + n);
        }
        return rgb;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Paints sclera and iris inside the eye's landmark polygon. */
    private static void paintOpenEye(byte[] rgb, double[] p, int first) {
        double cx = 0, cy = 0;
        double[] poly = new double[12];
        for (int k = 0; k < 6; k++) {
            poly[2 * k] = p[2 * (first + k)];
            poly[2 * k + 1] = p[2 * (first + k) + 1];
            cx += poly[2 * k] / 6;
            cy += poly[2 * k + 1] / 6;
        }
        double irisR = 0.22 * Math.abs(poly[6] - poly[0]);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (Polygons.contains(poly, x + 0.5, y + 0.5)) {
                    boolean iris = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) < irisR;
                    int o = 3 * (y * W + x);
                    rgb[o] = (byte) (iris ? 60 : 235);
                    rgb[o + 1] = (byte) (iris ? 45 : 232);
                    rgb[o + 2] = (byte) (iris ? 30 : 228);
                }
            }
        }
    }

    @Test
    void anOpenEyeReadsOpenAndASkinCoveredEyeReadsClosed() {
        double[] p = frontalPoints();
        byte[] img = skinImage(3);
        paintOpenEye(img, p, 36); // right eye open, left eye closed (skin only)
        double[] open = EyeOpenness.measure(img, W, H, p);
        assertTrue(open[0] > 0.5, "right eye open (the region is 1.2x the lid polygon): " + open[0]);
        assertTrue(open[1] < 0.05, "left eye closed: " + open[1]);
    }

    @Test
    void restRegionsCarryTheRestEyeWithItsCornersNotWithTheLids() {
        double[] rest = frontalPoints();
        // The head turned by 10 degrees in the image, scaled by 1.1 and shifted; then both eyes close (lids meet).
        double a = Math.toRadians(10), c = 1.1 * Math.cos(a), s = 1.1 * Math.sin(a);
        double[] moved = new double[136];
        for (int i = 0; i < 68; i++) {
            moved[2 * i] = 7 + c * rest[2 * i] - s * rest[2 * i + 1];
            moved[2 * i + 1] = -4 + s * rest[2 * i] + c * rest[2 * i + 1];
        }
        double[] closed = moved.clone();
        for (int[] lids : new int[][] {{37, 41}, {38, 40}, {43, 47}, {44, 46}}) {
            double y = (moved[2 * lids[0] + 1] + moved[2 * lids[1] + 1]) / 2;
            closed[2 * lids[0] + 1] = y;
            closed[2 * lids[1] + 1] = y;
        }
        double[] r = EyeOpenness.restRegions(rest, closed);
        for (int i = 0; i < 68; i++) {
            boolean eye = i >= 36 && i <= 47;
            double[] want = eye ? moved : closed;
            assertTrue(Math.abs(r[2 * i] - want[2 * i]) < 1e-9 && Math.abs(r[2 * i + 1] - want[2 * i + 1]) < 1e-9,
                "point " + i);
        }
    }
}
