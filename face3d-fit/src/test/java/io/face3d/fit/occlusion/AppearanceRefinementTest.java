package io.face3d.fit.occlusion;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OcclusionDetector#refineByAppearance} on a drawn face: a disc of shaded, noisy skin with a darker skin fold,
 * a blue rectangle over part of it; the starting mask covers the rectangle's inside (not its 3-pixel rim) and the fold.
 */
class AppearanceRefinementTest {
    private static final int W = 160, H = 160;

    @Test
    void dropsSkinColouredPartsAndCompletesTheOccluder() {
        Random rnd = new Random(7);
        float[] rgb = new float[3 * W * H];
        boolean[] region = new boolean[W * H], occluder = new boolean[W * H], fold = new boolean[W * H];
        boolean[] start = new boolean[W * H], all = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                region[i] = Math.hypot(x - 80, y - 80) < 70;
                all[i] = true;
                double shade = 0.6 + 0.4 * (x / (double) W);
                occluder[i] = region[i] && x >= 60 && x < 120 && y >= 95 && y < 135;
                fold[i] = region[i] && !occluder[i] && Math.abs(x - 45) < 4 && y > 60 && y < 110;
                double[] c = occluder[i] ? new double[] {0.15, 0.3, 0.7}
                    : new double[] {0.8 * shade, 0.58 * shade, 0.48 * shade};
                double dark = fold[i] ? 0.8 : 1;
                for (int k = 0; k < 3; k++) {
                    rgb[3 * i + k] = (float) Math.max(0, Math.min(1, dark * c[k] + 0.02 * rnd.nextGaussian()));
                }
                start[i] = (occluder[i] && x >= 63 && x < 117 && y >= 98 && y < 132) || fold[i] || (region[i] && Math.abs(x - 45) < 8 && y > 92 && y < 100);
            }
        }
        boolean[] out = OcclusionDetector.refineByAppearance(start, region, region, all, rgb, W, H, 140);
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < out.length; i++) {
            if (!region[i]) {
                continue;
            }
            tp += out[i] && occluder[i] ? 1 : 0;
            fp += out[i] && !occluder[i] ? 1 : 0;
            fn += !out[i] && occluder[i] ? 1 : 0;
        }
        double iou = (double) tp / (tp + fp + fn);
        assertTrue(iou > 0.9, "IoU " + iou + " tp " + tp + " fp " + fp + " fn " + fn);
    }

    @Test
    void aSkinColouredMaskIsLeftAlone() {
        Random rnd = new Random(8);
        float[] rgb = new float[3 * W * H];
        boolean[] region = new boolean[W * H], start = new boolean[W * H];
        for (int i = 0; i < region.length; i++) {
            int x = i % W, y = i / W;
            region[i] = Math.hypot(x - 80, y - 80) < 70;
            start[i] = region[i] && x > 70 && x < 110 && y > 90 && y < 120;
            double[] c = {0.8, 0.58, 0.48};
            for (int k = 0; k < 3; k++) {
                rgb[3 * i + k] = (float) (c[k] + 0.02 * rnd.nextGaussian());
            }
        }
        assertNull(OcclusionDetector.refineByAppearance(start, region, region, region, rgb, W, H, 140));
    }
}
