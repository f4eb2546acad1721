package io.face3d.eval.landmarks;

import io.face3d.core.geom.Rotation;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.stats.Correlation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LandmarkMetricsTest {

    @Test
    void nmeBoxIsMeanErrorOverGeometricMeanOfTheBox() {
        // GT box 40 x 90 -> sqrt = 60; every point off by (3, 4) -> error 5 -> NME 1/12.
        double[] gt = {0, 0, 40, 0, 40, 90, 0, 90, 20, 45};
        double[] pred = new double[gt.length];
        for (int i = 0; i < gt.length; i += 2) {
            pred[i] = gt[i] + 3;
            pred[i + 1] = gt[i + 1] - 4;
        }
        assertEquals(5.0 / 60, LandmarkMetrics.nmeBox(pred, gt), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LandmarkMetrics.nmeBox(pred, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
    }

    @Test
    void interOcular3d() {
        double[] gt = new double[204];
        Random random = new Random(3);
        for (int i = 0; i < gt.length; i++) {
            gt[i] = 50 * random.nextGaussian();
        }
        gt[3 * 36] = -50;
        gt[3 * 36 + 1] = 0;
        gt[3 * 36 + 2] = 0;
        gt[3 * 45] = 50;
        gt[3 * 45 + 1] = 0;
        gt[3 * 45 + 2] = 0;
        double[] pred = gt.clone();
        for (int i = 0; i < 68; i++) {
            pred[3 * i + 2] += 2; // 2 mm in depth everywhere -> 2 / 100
        }
        assertEquals(0.02, LandmarkMetrics.nmeInterOcular3d(pred, gt), 1e-12);
    }

    @Test
    void depthCorrelationIgnoresASimilarityAndSeesNoise() {
        Random random = new Random(5);
        double[] gt = new double[204];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = 40 * random.nextGaussian();
        }
        Similarity s = new Similarity(0.01, Rotation.fromEulerDegrees(30, 10, -20), new double[] {320, 240, 7});
        double[] pred = new double[204];
        for (int i = 0; i < 68; i++) {
            s.apply(gt[3 * i], gt[3 * i + 1], gt[3 * i + 2], pred, 3 * i);
        }
        assertEquals(1, LandmarkMetrics.depthCorrelation(pred, gt), 1e-9);
        double[] flat = pred.clone();
        for (int i = 0; i < 68; i++) {
            flat[3 * i + 2] = 7; // lost depth: correlation of z drops
        }
        assertEquals(true, LandmarkMetrics.depthCorrelation(flat, gt) < 0.9);
        assertEquals(-1, Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
    }

    @Test
    void yawBinsAndTheirMean() {
        YawBinnedNme y = YawBinnedNme.of(new double[] {0.02, 0.04, 0.05, 0.07, 0.10}, new double[] {5, -29, 45, -59.9, 88});
        assertEquals(0.03, y.binMeans()[0], 1e-15);
        assertEquals(0.06, y.binMeans()[1], 1e-15);
        assertEquals(0.10, y.binMeans()[2], 1e-15);
        assertEquals((0.03 + 0.06 + 0.10) / 3, y.meanOfBins(), 1e-15);
        assertEquals(2, y.counts()[1]);
    }

    @Test
    void cedAucAndFailureRate() {
        // Errors uniform on [0, 0.2]: CDF(x) = x / 0.2 on [0, 0.1] -> AUC = 0.25, failure 50%.
        int n = 100_000;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 0.2 * (i + 0.5) / n;
        }
        Ced c = Ced.of(e, 0.1, 100);
        assertEquals(0.25, c.auc(), 1e-6);
        assertEquals(0.5, c.failureRate(), 1e-6);
        assertEquals(0.25, c.fractions()[50], 1e-4);
        assertEquals(1, Ced.of(new double[] {0, 0}, 0.1, 10).auc(), 1e-15);
    }
}
