package io.face3d.vision;

import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared suite every {@link FaceDetector} runs: a face photo gives one face, translation moves the box by the
 * same amount (the synthetic
 * "exact" case, to 5% of the box side: the face is resampled differently at each offset), degenerate images (blank, 1 x 1, 48
 * megapixels, noise) give valid results without error, null is refused, results are sorted and thread-safe.
 */
public abstract class FaceDetectorContract {
    protected abstract FaceDetector detector();

    static void assertValid(FaceBox b, RgbImage img) {
        assertTrue(Double.isFinite(b.x()) && Double.isFinite(b.y()) && b.width() > 0 && b.height() > 0, "box " + b);
        assertTrue(b.score() >= 0 && b.score() <= 1, "score " + b.score());
    }

    @Test
    void findsTheOneFaceOfAPortraitWithTheEyesInsideTheBox() {
        List<FaceBox> faces = detector().detect(TestImages.resource("astronaut.png"));
        assertEquals(1, faces.size());
        FaceBox b = faces.get(0);
        assertTrue(b.score() >= 0.5);
        // the face of astronaut.png spans about x 175-275, y 70-180
        assertTrue(b.x() > 150 && b.x() + b.width() < 300 && b.y() > 40 && b.y() + b.height() < 200, "box " + b);
        double[] kp = b.keypoints();
        if (kp.length >= 4) {
            for (int i = 0; i < 4; i += 2) {
                assertTrue(kp[i] > b.x() && kp[i] < b.x() + b.width() && kp[i + 1] > b.y() && kp[i + 1] < b.y() + b.height());
            }
            assertTrue(kp[0] < kp[2], "the subject's right eye is on the image left");
        }
    }

    @Test
    void translationMovesTheBoxByTheSameAmount() {
        RgbImage src = TestImages.resource("astronaut.png");
        FaceBox a = detector().detect(TestImages.paste(src, 900, 700, 0, 0, 128)).get(0);
        FaceBox b = detector().detect(TestImages.paste(src, 900, 700, 333, 151, 128)).get(0);
        double tol = 0.05 * a.width();
        assertEquals(a.x() + 333, b.x(), tol);
        assertEquals(a.y() + 151, b.y(), tol);
        assertEquals(a.width(), b.width(), tol);
    }

    @Test
    void blankImageHasNoFace() {
        assertEquals(List.of(), detector().detect(TestImages.uniform(640, 480, 200)));
    }

    @Test
    void onePixelImageHasNoFace() {
        assertEquals(List.of(), detector().detect(RgbImage.blank(1, 1)));
    }

    @Test
    void fortyEightMegapixelBlankImageHasNoFaceAndDoesNotFail() {
        assertEquals(List.of(), detector().detect(TestImages.uniform(8000, 6000, 90)));
    }

    @Test
    void noiseGivesValidBoxesSortedByScore() {
        RgbImage img = TestImages.noise(320, 240, 42);
        List<FaceBox> faces = detector().detect(img);
        for (int i = 0; i < faces.size(); i++) {
            assertValid(faces.get(i), img);
            if (i > 0) {
                assertTrue(faces.get(i - 1).score() >= faces.get(i).score());
            }
        }
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> detector().detect(null));
    }

    @Test
    void threadsGetTheSameAnswer() throws Exception {
        RgbImage img = TestImages.resource("astronaut.png");
        FaceBox ref = detector().detect(img).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<FaceBox>>> runs = pool.invokeAll(List.of(() -> detector().detect(img),
                () -> detector().detect(img), () -> detector().detect(img)));
            for (Future<List<FaceBox>> f : runs) {
                FaceBox b = f.get().get(0);
                assertEquals(ref.x(), b.x(), 1e-9);
                assertEquals(ref.y(), b.y(), 1e-9);
                assertEquals(ref.score(), b.score(), 1e-9);
            }
        } finally {
            pool.shutdown();
        }
    }
}
