package io.face3d.learn.mds;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmacofTest {
    static double[] randomPoints(int n, long seed) {
        Random r = new Random(seed);
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextGaussian() * (i % 3 == 2 ? 0.5 : 1);
        }
        return p;
    }

    static double[] distanceMatrix(double[] p, java.util.function.DoubleUnaryOperator transform) {
        int n = p.length / 3;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < 3; a++) {
                    s += (p[3 * i + a] - p[3 * j + a]) * (p[3 * i + a] - p[3 * j + a]);
                }
                d[i * n + j] = transform.applyAsDouble(Math.sqrt(s));
            }
        }
        return d;
    }

    /** Relative RMS error of the recovered distances after scaling (shape up to similarity and reflection). */
    static double shapeError(double[] truth, double[] found) {
        double[] a = distanceMatrix(truth, v -> v), b = distanceMatrix(found, v -> v);
        double ab = 0, bb = 0, aa = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            bb += b[i] * b[i];
            aa += a[i] * a[i];
        }
        double s = ab / bb, e = 0;
        for (int i = 0; i < a.length; i++) {
            e += (a[i] - s * b[i]) * (a[i] - s * b[i]);
        }
        return Math.sqrt(e / aa);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void exactDistancesGiveTheShape(boolean nonMetric) {
        double[] p = randomPoints(30, 1);
        Smacof.Result r = new Smacof(new SmacofConfig(300, 1e-9, nonMetric)).embed(distanceMatrix(p, v -> v), 30, 3);
        assertTrue(shapeError(p, r.points()) < 1e-3, "error " + shapeError(p, r.points()));
        assertTrue(r.stress() < 1e-3);
    }

    @Test
    void nonMetricRecoversTheShapeFromAMonotoneTransformOfDistances() {
        double[] p = randomPoints(40, 2);
        double[] d = distanceMatrix(p, v -> Math.exp(v) - 1 + 0.2 * v * v);
        double nonMetric = shapeError(p, new Smacof(SmacofConfig.defaults()).embed(d, 40, 3).points());
        double metric = shapeError(p, new Smacof(new SmacofConfig(300, 1e-7, false)).embed(d, 40, 3).points());
        assertTrue(nonMetric < 0.05, "non-metric error " + nonMetric);
        assertTrue(nonMetric < 0.5 * metric, "non-metric " + nonMetric + " vs metric " + metric);
    }

    @Test
    void noisyDistancesGiveANearbyShape() {
        double[] p = randomPoints(40, 3);
        Random r = new Random(4);
        double[] d = distanceMatrix(p, v -> v);
        for (int i = 0; i < 40; i++) {
            for (int j = i + 1; j < 40; j++) {
                double v = d[i * 40 + j] * (1 + 0.03 * r.nextGaussian());
                d[i * 40 + j] = v;
                d[j * 40 + i] = v;
            }
        }
        assertTrue(shapeError(p, new Smacof(SmacofConfig.defaults()).embed(d, 40, 3).points()) < 0.06);
    }

    @Test
    void degenerateInputIsRefused() {
        assertThrows(Face3dException.class, () -> new Smacof(SmacofConfig.defaults()).embed(new double[16], 4, 3));
        assertThrows(Face3dException.class, () -> new Smacof(SmacofConfig.defaults()).embed(new double[9], 3, 3));
        double[] d = distanceMatrix(randomPoints(6, 1), v -> v);
        d[1] = Double.NaN;
        assertThrows(Face3dException.class, () -> new Smacof(SmacofConfig.defaults()).embed(d, 6, 3));
    }

    @Test
    void depthRefinementRecoversDepthFromExactDistances() {
        double[] p = randomPoints(30, 6);
        double[] xy = new double[60], z0 = new double[30], truth = new double[30];
        double mean = 0;
        for (int i = 0; i < 30; i++) {
            xy[2 * i] = p[3 * i];
            xy[2 * i + 1] = p[3 * i + 1];
            z0[i] = p[3 * i + 2] + 0.1 * Math.sin(i);
            mean += p[3 * i + 2] / 30;
        }
        for (int i = 0; i < 30; i++) {
            truth[i] = p[3 * i + 2] - mean;
        }
        double[] z = new Smacof(new SmacofConfig(2000, 1e-12, true)).refineDepth(distanceMatrix(p, v -> 2 * v), xy, z0, 0.5);
        assertArrayEquals(truth, z, 1e-3);
    }

    @Test
    void isotonicRegressionPoolsAdjacentViolators() {
        double[] y = {1, 3, 2, 4, 3, 3, 5};
        Isotonic.fit(y);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 10 / 3.0, 10 / 3.0, 10 / 3.0, 5}, y, 1e-12);
        double[] sorted = {0, 1, 2};
        Isotonic.fit(sorted);
        assertArrayEquals(new double[] {0, 1, 2}, sorted, 0);
        double[] down = {3, 2, 1};
        Isotonic.fit(down);
        assertEquals(2, down[0], 1e-12);
        assertEquals(2, down[2], 1e-12);
    }
}
