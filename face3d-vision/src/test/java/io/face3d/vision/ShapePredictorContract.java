package io.face3d.vision;

import io.face3d.core.Face3dException;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared suite every {@link ShapePredictor} runs (extend it and name the predictor, a photo with a face
 * and that face's box). Geometry, in face3d's image frame (pixel centres at i + 0.5):
 * <ul>
 * <li>translating the image (padding it with black) and the box by whole pixels translates the points;</li>
 * <li>upsampling the image k times (pixel replication) with the box scales the points k times, within a
 *     stated fraction of the box width (resampling changes which pixels features hit);</li>
 * <li>boxes of zero or negative size, or not finite, are refused with a {@link Face3dException};</li>
 * <li>boxes partly or wholly outside the image still give 68 finite points;</li>
 * <li>calls from several threads at once give what the same calls give one after another.</li>
 * </ul>
 */
public abstract class ShapePredictorContract {
    protected abstract ShapePredictor predictor();

    /** A photo with one clear face. */
    protected abstract RgbImage faceImage();

    /** The box of that face in the predictor's box convention. */
    protected abstract FaceBox faceBox();

    /** Mean point difference allowed under translation, px. */
    protected double translationTolerancePx() {
        return 1e-6;
    }

    /** Mean point difference allowed under upsampling, as a fraction of the box width. */
    protected double scalingMeanTolerance() {
        return 0.01;
    }

    /** Largest single point difference allowed under upsampling, as a fraction of the box width. */
    protected double scalingMaxTolerance() {
        return 0.03;
    }

    private static void assertFinite68(double[] p) {
        assertEquals(136, p.length);
        for (double v : p) {
            assertTrue(Double.isFinite(v), "non-finite point coordinate");
        }
    }

    @Test
    void pointsLieAroundTheFace() {
        double[] p = predictor().predict(faceImage(), faceBox());
        assertFinite68(p);
        FaceBox b = faceBox();
        double cx = 0, cy = 0;
        for (int i = 0; i < 68; i++) {
            cx += p[2 * i] / 68;
            cy += p[2 * i + 1] / 68;
        }
        assertTrue(Math.abs(cx - (b.x() + b.width() / 2)) < 0.25 * b.width(), "landmark centre far from the box");
        assertTrue(Math.abs(cy - (b.y() + b.height() / 2)) < 0.25 * b.height(), "landmark centre far from the box");
        // iBUG order: the subject's right eye corner (36) is left of the left eye corner (45) on a frontal face.
        assertTrue(p[2 * 36] < p[2 * 45], "eyes swapped");
        assertTrue(p[2 * 8 + 1] > p[2 * 27 + 1], "chin above the nose bridge");
    }

    @ParameterizedTest
    @CsvSource({"13, 7", "1, 0", "0, 40"})
    void translatingImageAndBoxTranslatesThePoints(int dx, int dy) {
        RgbImage img = faceImage();
        int w = img.width() + dx, h = img.height() + dy;
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.rgb(), 3 * y * img.width(), out, 3 * ((y + dy) * w + dx), 3 * img.width());
        }
        FaceBox b = faceBox();
        double[] p0 = predictor().predict(img, b);
        double[] p1 = predictor().predict(new RgbImage(w, h, out), new FaceBox(b.x() + dx, b.y() + dy, b.width(), b.height(), 1, null));
        double sum = 0;
        for (int i = 0; i < 68; i++) {
            sum += Math.hypot(p1[2 * i] - dx - p0[2 * i], p1[2 * i + 1] - dy - p0[2 * i + 1]);
        }
        assertTrue(sum / 68 <= translationTolerancePx(), "mean shift error " + sum / 68 + " px");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void upsamplingImageAndBoxScalesThePoints(int k) {
        RgbImage img = faceImage();
        int w = k * img.width(), h = k * img.height();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(img.rgb(), 3 * ((y / k) * img.width() + x / k), out, 3 * (y * w + x), 3);
            }
        }
        FaceBox b = faceBox();
        double[] p0 = predictor().predict(img, b);
        double[] p1 = predictor().predict(new RgbImage(w, h, out), new FaceBox(k * b.x(), k * b.y(), k * b.width(), k * b.height(), 1, null));
        double sum = 0, max = 0;
        for (int i = 0; i < 68; i++) {
            double d = Math.hypot(p1[2 * i] / k - p0[2 * i], p1[2 * i + 1] / k - p0[2 * i + 1]);
            sum += d;
            max = Math.max(max, d);
        }
        assertTrue(sum / 68 < scalingMeanTolerance() * b.width(), "mean scaling error " + sum / 68 + " px");
        assertTrue(max < scalingMaxTolerance() * b.width(), "largest scaling error " + max + " px");
    }

    @ParameterizedTest
    @CsvSource({"0, 50", "50, 0", "-10, 50", "50, -3", "0, 0", "NaN, 50", "Infinity, 50"})
    void degenerateBoxesAreRefusedClearly(double w, double h) {
        FaceBox bad = new FaceBox(faceBox().x(), faceBox().y(), w, h, 1, null);
        Face3dException e = assertThrows(Face3dException.class, () -> predictor().predict(faceImage(), bad));
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @ParameterizedTest
    @CsvSource({"-0.5, -0.5", "0.6, 0.7", "-0.4, 0.8", "2.0, 2.0"})
    void boxesPartlyOrWhollyOutsideTheImageWork(double fx, double fy) {
        RgbImage img = faceImage();
        FaceBox b = faceBox();
        FaceBox moved = new FaceBox(fx * img.width(), fy * img.height(), b.width(), b.height(), 1, null);
        assertFinite68(predictor().predict(img, moved));
    }

    @Test
    void concurrentCallsMatchSequentialOnes() throws Exception {
        Random rnd = new Random(42);
        FaceBox b = faceBox();
        List<FaceBox> boxes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            boxes.add(new FaceBox(b.x() + rnd.nextInt(21) - 10, b.y() + rnd.nextInt(21) - 10,
                b.width() * (0.9 + 0.2 * rnd.nextDouble()), b.height() * (0.9 + 0.2 * rnd.nextDouble()), 1, null));
        }
        List<double[]> sequential = new ArrayList<>();
        for (FaceBox box : boxes) {
            sequential.add(predictor().predict(faceImage(), box));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (FaceBox box : boxes) {
                futures.add(pool.submit(() -> predictor().predict(faceImage(), box)));
            }
            for (int i = 0; i < boxes.size(); i++) {
                assertArrayEquals(sequential.get(i), futures.get(i).get(), 0.0, "box " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
