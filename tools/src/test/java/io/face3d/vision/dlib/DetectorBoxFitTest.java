package io.face3d.vision.dlib;

import io.face3d.core.Face3dException;
import io.face3d.vision.FaceBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorBoxFitTest {
    /** A plausible MediaPipe-to-HOG relation: HOG boxes are a bit smaller and lower. */
    private static final DetectorBoxMapping TRUE_AFFINE = new DetectorBoxMapping(new double[]{
        1.01, 0.002, 0.08, -0.01, 1.5,
        -0.003, 0.99, 0.01, 0.12, -2.0,
        0.001, 0.0, 0.86, 0.03, 0.7,
        0.0, 0.002, 0.02, 0.88, -1.2});
    private static final DetectorBoxMapping TRUE_SCALE_SHIFT = new DetectorBoxMapping(new double[]{
        1, 0, 0.07, 0, 0,
        0, 1, 0, 0.11, 0,
        0, 0, 0.86, 0, 0,
        0, 0, 0, 0.9, 0});

    private static List<DetectorBoxFit.BoxPair> pairs(DetectorBoxMapping truth, int n, double noisePx, long seed) {
        Random rnd = new Random(seed);
        List<DetectorBoxFit.BoxPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = 40 + 400 * rnd.nextDouble();
            FaceBox from = new FaceBox(2000 * rnd.nextDouble(), 1500 * rnd.nextDouble(), w, w * (0.9 + 0.3 * rnd.nextDouble()), 0.9, null);
            FaceBox to = truth.apply(from);
            to = new FaceBox(to.x() + noisePx * rnd.nextGaussian(), to.y() + noisePx * rnd.nextGaussian(),
                to.width() + noisePx * rnd.nextGaussian(), to.height() + noisePx * rnd.nextGaussian(), 1, null);
            pairs.add(new DetectorBoxFit.BoxPair(from, to));
        }
        return pairs;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void affineFitRecoversAnExactMap(long seed) {
        DetectorBoxMapping fitted = DetectorBoxFit.fit(pairs(TRUE_AFFINE, 12, 0, seed));
        assertArrayEquals(TRUE_AFFINE.coefficients(), fitted.coefficients(), 1e-8);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void scaleShiftFitRecoversAnExactMapFromOnePair(long seed) {
        DetectorBoxMapping fitted = DetectorBoxFit.fitScaleShift(pairs(TRUE_SCALE_SHIFT, 1, 0, seed));
        assertArrayEquals(TRUE_SCALE_SHIFT.coefficients(), fitted.coefficients(), 1e-12);
    }

    @Test
    void noisyPairsGiveBoxesWithinTheNoise() {
        List<DetectorBoxFit.BoxPair> train = pairs(TRUE_AFFINE, 60, 2.0, 6), test = pairs(TRUE_AFFINE, 200, 0, 7);
        DetectorBoxMapping m = DetectorBoxFit.fit(train);
        double worst = 0;
        for (DetectorBoxFit.BoxPair p : test) {
            FaceBox got = m.apply(p.from()), want = p.to();
            worst = Math.max(worst, Math.max(Math.max(Math.abs(got.x() - want.x()), Math.abs(got.y() - want.y())),
                Math.max(Math.abs(got.width() - want.width()), Math.abs(got.height() - want.height()))));
        }
        // 2 px noise on 60 pairs: the fitted boxes stay within about the noise level over the whole range.
        assertTrue(worst < 3.0, "worst coordinate error " + worst);
    }

    @Test
    void squareBoxesGiveTheSmallestNormSolution() {
        // w == h in every pair: the w and h columns are collinear; the fit must still reproduce the boxes.
        Random rnd = new Random(8);
        List<DetectorBoxFit.BoxPair> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double s = 50 + 300 * rnd.nextDouble();
            FaceBox from = new FaceBox(1000 * rnd.nextDouble(), 800 * rnd.nextDouble(), s, s, 1, null);
            pairs.add(new DetectorBoxFit.BoxPair(from, TRUE_SCALE_SHIFT.apply(from)));
        }
        DetectorBoxMapping m = DetectorBoxFit.fit(pairs);
        for (DetectorBoxFit.BoxPair p : pairs) {
            FaceBox got = m.apply(p.from());
            assertEquals(p.to().x(), got.x(), 1e-8);
            assertEquals(p.to().height(), got.height(), 1e-8);
        }
        double[] c = m.coefficients();
        assertEquals(c[2], c[3], 1e-9, "weight split evenly between the collinear w and h columns");
    }

    @Test
    void tooFewOrEmptyPairsAreRefusedClearly() {
        List<DetectorBoxFit.BoxPair> four = pairs(TRUE_AFFINE, 4, 0, 9);
        Face3dException e = assertThrows(Face3dException.class, () -> DetectorBoxFit.fit(four));
        assertTrue(e.getMessage().contains("fitScaleShift"), e.getMessage());
        assertThrows(Face3dException.class, () -> DetectorBoxFit.fitScaleShift(List.of()));
        FaceBox empty = new FaceBox(10, 10, 0, 20, 1, null);
        assertThrows(Face3dException.class, () -> DetectorBoxFit.fitScaleShift(
            List.of(new DetectorBoxFit.BoxPair(empty, empty))));
    }

    @Test
    void pairsByOverlapMatchTheSameFaces() {
        FaceBox a = new FaceBox(100, 100, 100, 100, 1, null), b = new FaceBox(400, 120, 80, 80, 1, null);
        FaceBox a2 = new FaceBox(110, 115, 86, 86, 1, null), b2 = new FaceBox(405, 125, 70, 70, 1, null);
        FaceBox lonely = new FaceBox(900, 900, 50, 50, 1, null);
        List<DetectorBoxFit.BoxPair> pairs = DetectorBoxFit.pairByOverlap(List.of(a, b, lonely), List.of(b2, a2), 0.3);
        assertEquals(2, pairs.size());
        for (DetectorBoxFit.BoxPair p : pairs) {
            assertTrue(p.from() == a && p.to() == a2 || p.from() == b && p.to() == b2);
        }
        assertEquals(1.0, DetectorBoxFit.iou(a, a), 1e-12);
        assertEquals(0.0, DetectorBoxFit.iou(a, lonely), 0);
    }

    @Test
    void identityKeepsTheBox() {
        FaceBox b = new FaceBox(12.5, 7, 30, 31, 0.8, new double[]{1, 2});
        FaceBox m = DetectorBoxMapping.identity().apply(b);
        assertEquals(b.x(), m.x(), 0);
        assertEquals(b.height(), m.height(), 0);
        assertEquals(0.8, m.score(), 0);
        assertArrayEquals(b.keypoints(), m.keypoints(), 0);
    }
}
