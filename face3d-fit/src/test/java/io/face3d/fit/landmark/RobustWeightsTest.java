package io.face3d.fit.landmark;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.geom.Pose;
import io.face3d.core.model.MorphableModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RobustWeights}: exact data keeps every weight at 1; one inner point moved far gets Huber's k / u; one jaw
 * point moved far is dropped (Tukey, weight 0) while the other jaw points keep theirs.
 */
class RobustWeightsTest {
    private static LandmarkBasis basis;

    @BeforeAll
    static void load() {
        basis = new LandmarkBasis(MorphableModel.load(ModelAssets.defaults().locateIct()), null);
    }

    private static FitFrame frame(long seed) {
        FitFrame f = TestFrames.onTargets(basis, Pose.Camera.SOP, new double[basis.nId], new Random(seed));
        Arrays.fill(f.robustW, 1);
        return f;
    }

    /** Adds Gaussian noise of this many sigmas to every target; returns the frame's IOD in pixels. */
    private static double jitter(FitFrame f, double sigmas, long seed) {
        Random rnd = new Random(seed);
        double unit = f.pose.scale() * basis.iod3d;
        for (int i = 0; i < 136; i++) {
            f.target[i] += sigmas * f.sigmaFrac[i / 2] * unit * rnd.nextGaussian();
        }
        return unit;
    }

    @Test
    void exactPointsKeepFullWeight() {
        FitFrame f = frame(1);
        RobustWeights.update(f, FitConfig.defaults());
        for (int i = 0; i < 68; i++) {
            assertEquals(1, f.robustW[i], 1e-12, "point " + i);
        }
    }

    @Test
    void farInnerPointGetsHubersWeight() {
        FitFrame f = frame(2);
        // small noise everywhere so the robust spread is defined, one mouth point 40 sigmas away
        double unit = jitter(f, 0.3, 3);
        double away = 40 * f.sigmaFrac[60] * unit;
        f.target[120] += away;
        FitConfig config = FitConfig.defaults();
        RobustWeights.update(f, config);
        double[] uv = f.project(), ax = new double[4], r = new double[2];
        f.normalisedResidual(60, uv, ax, r);
        double u = Math.hypot(r[0], r[1]); // tau = 1: the median residual is well below Rayleigh's median
        assertEquals(config.robustK() / u, f.robustW[60], 1e-9);
        assertTrue(f.robustW[30] == 1, "an ordinary point keeps weight 1");
    }

    @Test
    void farJawPointIsDropped() {
        FitFrame f = frame(4);
        double unit = jitter(f, 0.5, 5);
        f.target[2 * 4] += 20 * f.sigmaFrac[4] * unit;
        RobustWeights.update(f, FitConfig.defaults());
        assertEquals(0, f.robustW[4], 0, "the far jaw point");
        for (int k = 0; k < 17; k++) {
            if (k != 4) {
                assertTrue(f.robustW[k] > 0.5, "jaw point " + k + " keeps most of its weight: " + f.robustW[k]);
            }
        }
    }
}
