package io.face3d.vision;

import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared suite every {@link LandmarkDetector} runs. Tolerances are in % of the inter-ocular distance (outer eye
 * corners, iBUG 36-45), 300-W's normalisation: translation moves every point by the same amount
 * (mean 1%, each point 2.5%: the face is resampled differently at each offset); the points
 * keep the iBUG anatomy (left/right, top/bottom order of eyes, nose, mouth, jaw); a 30-degree roll of the photo
 * turns the eye line by 30 degrees (2 degrees); detectInBox on the detected box agrees with detect (1%);
 * degenerate images give an empty list; null is refused.
 */
public abstract class LandmarkDetectorContract {
    protected abstract LandmarkDetector detector();

    static double iod(double[] p) {
        return Math.hypot(p[72] - p[90], p[73] - p[91]);
    }

    static double x(double[] p, int k) {
        return p[2 * k];
    }

    static double y(double[] p, int k) {
        return p[2 * k + 1];
    }

    @Test
    void portraitLandmarksFollowTheIbugAnatomy() {
        List<FaceLandmarks> faces = detector().detect(TestImages.resource("astronaut.png"));
        assertEquals(1, faces.size());
        double[] p = faces.get(0).points();
        assertEquals(136, p.length);
        assertTrue(iod(p) > 40 && iod(p) < 90, "inter-ocular distance " + iod(p));
        // subject's right (image left) before left
        assertTrue(x(p, 0) < x(p, 8) && x(p, 8) < x(p, 16));
        assertTrue(x(p, 36) < x(p, 39) && x(p, 39) < x(p, 42) && x(p, 42) < x(p, 45));
        assertTrue(x(p, 17) < x(p, 21) && x(p, 21) < x(p, 22) && x(p, 22) < x(p, 26));
        assertTrue(x(p, 31) < x(p, 33) && x(p, 33) < x(p, 35));
        assertTrue(x(p, 48) < x(p, 51) && x(p, 51) < x(p, 54));
        // top to bottom: brows, eyes, nose tip, mouth, chin
        assertTrue(y(p, 19) < y(p, 37) && y(p, 37) < y(p, 41));
        assertTrue(y(p, 27) < y(p, 28) && y(p, 28) < y(p, 29) && y(p, 29) < y(p, 30));
        assertTrue(y(p, 30) < y(p, 33) && y(p, 33) < y(p, 51) && y(p, 51) < y(p, 62) && y(p, 62) <= y(p, 66)
            && y(p, 66) < y(p, 57) && y(p, 57) < y(p, 8));
        for (int k = 0; k < 17; k++) {
            assertTrue(y(p, k) <= y(p, 8) + 1e-9, "jaw point " + k + " below the chin");
        }
    }

    @Test
    void translationMovesEveryPointByTheSameAmount() {
        RgbImage src = TestImages.resource("astronaut.png");
        double[] a = detector().detect(TestImages.paste(src, 900, 700, 0, 0, 128)).get(0).points();
        double[] b = detector().detect(TestImages.paste(src, 900, 700, 333, 151, 128)).get(0).points();
        double sum = 0;
        for (int k = 0; k < 68; k++) {
            double e = Math.hypot(x(a, k) + 333 - x(b, k), y(a, k) + 151 - y(b, k));
            assertTrue(e < 0.025 * iod(a), "point " + k + " off by " + e + " px");
            sum += e;
        }
        assertTrue(sum / 68 < 0.01 * iod(a), "mean error " + sum / 68 + " px");
    }

    @Test
    void rollingThePhotoTurnsTheEyeLine() {
        double[] a = detector().detect(TestImages.resource("astronaut.png")).get(0).points();
        double[] b = detector().detect(TestImages.resource("astronaut_roll30.png")).get(0).points();
        double angA = Math.toDegrees(Math.atan2(y(a, 45) - y(a, 36), x(a, 45) - x(a, 36)));
        double angB = Math.toDegrees(Math.atan2(y(b, 45) - y(b, 36), x(b, 45) - x(b, 36)));
        assertEquals(30, Math.abs(angB - angA), 2.0);
    }

    @Test
    void boxGivenByTheCallerGivesTheSameLandmarks() {
        RgbImage img = TestImages.resource("astronaut.png");
        FaceLandmarks found = detector().detect(img).get(0);
        FaceLandmarks boxed = detector().detectInBox(img, found.box());
        assertNotNull(boxed);
        double tol = 0.01 * iod(found.points());
        for (int i = 0; i < 136; i++) {
            assertEquals(found.points()[i], boxed.points()[i], tol);
        }
    }

    @Test
    void degenerateImagesHaveNoFace() {
        assertEquals(List.of(), detector().detect(TestImages.uniform(640, 480, 0)));
        assertEquals(List.of(), detector().detect(RgbImage.blank(1, 1)));
        assertEquals(List.of(), detector().detect(TestImages.uniform(8000, 6000, 255)));
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> detector().detect(null));
    }
}
