package io.face3d.fit.landmark;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The noise estimate: exact on a linear Gaussian problem, then inside the fitter on synthetic faces. */
class NoiseCalibrationTest {

    /**
     * A linear model with as many parameters as half its rows and a N(0, 1) prior: iterating sigma^2 = RSS /
     * (N - gamma) from a start 10x too large recovers the true sigma within 10% (one draw of 400 rows), where the
     * plain RSS / N would be about 30% low.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.5})
    void recoversTheNoiseOfALinearGaussianModel(double sigma) {
        Random rnd = new Random(5);
        int n = 400, p = 200;
        double[] a = new double[n * p], truth = new double[p], y = new double[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        for (int k = 0; k < p; k++) {
            truth[k] = rnd.nextGaussian();
        }
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                s += a[r * p + k] * truth[k];
            }
            y[r] = s + sigma * rnd.nextGaussian();
        }
        double estimate = 10 * sigma;
        for (int it = 0; it < 30; it++) {
            // whitened rows at the current estimate; the identity block carries the N(0, I) prior
            DMatrixRMaj rows = new DMatrixRMaj(n, p, true, a.clone());
            CommonOps_DDRM.divide(rows, estimate);
            DMatrixRMaj normal = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(rows, rows, normal);
            DMatrixRMaj rhs = new DMatrixRMaj(p, 1), x = new DMatrixRMaj(p, 1);
            CommonOps_DDRM.multTransA(rows, new DMatrixRMaj(n, 1, true, scaled(y, 1 / estimate)), rhs);
            DMatrixRMaj m = normal.copy();
            for (int k = 0; k < p; k++) {
                m.add(k, k, 1);
            }
            CommonOps_DDRM.solve(m, rhs, x);
            double rss = 0;
            for (int r = 0; r < n; r++) {
                double s = y[r];
                for (int k = 0; k < p; k++) {
                    s -= a[r * p + k] * x.data[k];
                }
                rss += s * s / (estimate * estimate);
            }
            int[] groups = new int[n]; // every row in group 0
            double[] gamma = NoiseCalibration.leverage(List.of(rows), List.of(normal), List.of(groups),
                List.of(new boolean[0]), p, 0, 0, 1);
            estimate = NoiseCalibration.rescale(estimate, rss, n, gamma[0], 3, 1e-6, 1e6);
        }
        assertEquals(sigma, estimate, 0.1 * sigma, "estimated sigma");
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    /** A scale never leaves its bounds nor changes by more than the step in one update. */
    @Test
    void rescaleIsBounded() {
        assertEquals(3, NoiseCalibration.rescale(1, 1e6, 10, 0, 3, 0.01, 100), 1e-12);
        assertEquals(1 / 3.0, NoiseCalibration.rescale(1, 0, 10, 0, 3, 0.01, 100), 1e-12);
        assertEquals(0.5, NoiseCalibration.rescale(0.4, 0, 10, 0, 3, 0.5, 100), 1e-12);
        assertEquals(2, NoiseCalibration.rescale(2, Double.NaN, 10, 0, 3, 0.5, 100), 1e-12);
    }

    /**
     * The default fitter (detector-like start) on the fitter's own synthetic faces: it settles near the true inner
     * noise whether that is 0.5% or 5% of the IOD (within a factor 1.6; 20 faces each, medians), without being told.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theFitterSettlesNearTheTrueNoise(boolean clean) {
        MorphableModel model = TestModel.get();
        SyntheticFaces faces = new SyntheticFaces(model);
        LandmarkFitter fitter = LandmarkFitter.create(model, FitConfig.defaults());
        NoiseModel truth = clean ? NoiseModel.CLEAN : NoiseModel.DETECTOR_LIKE;
        Random rnd = new Random(clean ? 41 : 42);
        double[] eyes = new double[20];
        for (int i = 0; i < eyes.length; i++) {
            FitResult r = fitter.fit(faces.draw(rnd, truth, 2).observation());
            assertEquals("estimated", r.noise().name());
            eyes[i] = r.noise().eyes();
        }
        java.util.Arrays.sort(eyes);
        double median = (eyes[9] + eyes[10]) / 2;
        assertTrue(median > truth.eyes() / 1.6 && median < truth.eyes() * 1.6,
            "settled " + median + " for a true " + truth.eyes());
    }
}
