package io.face3d.api;

import io.face3d.core.image.RgbImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A textured image moved by a known shift: tracked points must follow it; a flat image leaves the detector's. */
class RestPointTrackerTest {
    private static final int SIZE = 240;

    @ParameterizedTest
    @CsvSource({"3, -2", "-6.5, 4", "0, 0"})
    void followsAKnownShiftFromADistantStart(double dx, double dy) {
        double[] texture = smoothNoise(new Random(7));
        RgbImage rest = render(texture, 0, 0), moved = render(texture, dx, dy);
        double[] restPoints = points(new Random(11));
        double[] detected = restPoints.clone(); // the detector saw no movement: tracks start 0-8 px off
        double[] out = RestPointTracker.track(rest, restPoints, moved, detected);
        for (int p = 0; p < 68; p++) {
            if (p < RestPointTracker.FIRST_POINT) {
                assertEquals(detected[2 * p], out[2 * p], 0, "jaw point " + p + " kept as detected");
            } else {
                assertEquals(restPoints[2 * p] + dx, out[2 * p], 0.3, "x of point " + p);
                assertEquals(restPoints[2 * p + 1] + dy, out[2 * p + 1], 0.3, "y of point " + p);
            }
        }
    }

    @Test
    void keepsTheDetectedPointsWhereThereIsNothingToFollow() {
        RgbImage flat = RgbImage.blank(SIZE, SIZE);
        double[] restPoints = points(new Random(3));
        double[] detected = restPoints.clone();
        for (int i = 0; i < detected.length; i++) {
            detected[i] += 2;
        }
        assertArrayEquals(detected, RestPointTracker.track(flat, restPoints, flat, detected), 1e-9);
    }

    /** 68 points in the image's middle, eye corners 36 and 45 about 100 px apart (the tracker scales by the IOD). */
    private static double[] points(Random rnd) {
        double[] p = new double[136];
        for (int i = 0; i < 68; i++) {
            p[2 * i] = 60 + 120 * rnd.nextDouble();
            p[2 * i + 1] = 60 + 120 * rnd.nextDouble();
        }
        p[2 * 36] = 70;
        p[2 * 36 + 1] = 100;
        p[2 * 45] = 170;
        p[2 * 45 + 1] = 100;
        return p;
    }

    /** Sum of random Gaussian blobs on a grid twice the image (values 0-255 after scaling). */
    private static double[] smoothNoise(Random rnd) {
        int n = 2 * SIZE;
        double[] t = new double[n * n];
        for (int b = 0; b < 3000; b++) {
            double cx = n * rnd.nextDouble(), cy = n * rnd.nextDouble(), r = 3 + 6 * rnd.nextDouble();
            double amp = rnd.nextGaussian();
            int x0 = (int) Math.max(0, cx - 3 * r), x1 = (int) Math.min(n - 1, cx + 3 * r);
            int y0 = (int) Math.max(0, cy - 3 * r), y1 = (int) Math.min(n - 1, cy + 3 * r);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    t[y * n + x] += amp * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * r * r));
                }
            }
        }
        return t;
    }

    /** The texture seen through a window moved by (dx, dy): image(x, y) = texture(x - dx + SIZE/2, ...), bilinear. */
    private static RgbImage render(double[] t, double dx, double dy) {
        int n = 2 * SIZE;
        byte[] rgb = new byte[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double u = x - dx + SIZE / 2.0, v = y - dy + SIZE / 2.0;
                int iu = (int) Math.floor(u), iv = (int) Math.floor(v);
                double fu = u - iu, fv = v - iv;
                double val = (1 - fu) * (1 - fv) * t[iv * n + iu] + fu * (1 - fv) * t[iv * n + iu + 1]
                    + (1 - fu) * fv * t[(iv + 1) * n + iu] + fu * fv * t[(iv + 1) * n + iu + 1];
                byte g = (byte) Math.max(0, Math.min(255, Math.round(128 + 60 * val)));
                int k = 3 * (y * SIZE + x);
                rgb[k] = g;
                rgb[k + 1] = g;
                rgb[k + 2] = g;
            }
        }
        return new RgbImage(SIZE, SIZE, rgb);
    }
}
