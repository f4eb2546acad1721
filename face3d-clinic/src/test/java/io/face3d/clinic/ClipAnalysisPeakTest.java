package io.face3d.clinic;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipAnalysisPeakTest {
    /**
     * A held closure as the pixels read it: raised-cosine ramps of 10 frames around a 20-frame hold whose value
     * wanders by up to 20% (its maximum early in the hold), plus 2% noise. Its middle, the scripted peak, is frame 50.
     */
    private static double[] heldWithWander(long seed) {
        Random rnd = new Random(seed);
        double[] c = new double[100];
        int start = 30, ramp = 10, hold = 20;
        for (int t = 0; t < c.length; t++) {
            double u = t - start, e;
            if (u <= 0 || u >= 2 * ramp + hold) {
                e = 0;
            } else if (u < ramp) {
                e = 0.5 * (1 - Math.cos(Math.PI * u / ramp));
            } else if (u <= ramp + hold) {
                e = 1 - 0.2 * (u - ramp) / hold; // the reading sags along the hold
            } else {
                e = 0.8 * 0.5 * (1 + Math.cos(Math.PI * (u - ramp - hold) / ramp));
            }
            c[t] = 0.5 * e + 0.01 * rnd.nextGaussian();
        }
        return c;
    }

    @Test
    void halfHeightPeakIsTheMiddleOfAHeldPostureWhoseReadingWanders() {
        for (long seed = 1; seed <= 20; seed++) {
            ClipAnalysis.Peak p = ClipAnalysis.peak(Movement.EYES_CLOSED, heldWithWander(seed), 0, 99,
                ClipAnalysis.Config.defaults().peakFraction(), null);
            assertTrue(Math.abs(p.frame() - 50) <= 2, "seed " + seed + ": peak at " + p.frame());
        }
    }

    @Test
    void theRunNearTheMaximumFollowsTheWanderInstead() {
        // Why the default is half height: the run within 90% of the maximum sits in the early part of the hold.
        ClipAnalysis.Peak p = ClipAnalysis.peak(Movement.EYES_CLOSED, heldWithWander(1), 0, 99, 0.9, null);
        assertTrue(Math.abs(p.frame() - 50) > 3, "peak at " + p.frame());
    }

    @Test
    void skippedFramesAreNotPartOfTheRun() {
        double[] c = heldWithWander(3);
        boolean[] skip = new boolean[c.length];
        for (int t = 0; t < 25; t++) {
            skip[t] = true;
        }
        ClipAnalysis.Peak p = ClipAnalysis.peak(Movement.SMILE, c, 0, 99, 0.5, skip);
        assertTrue(p.start() >= 25);
        assertEquals((p.start() + p.end()) / 2, p.frame());
    }
}
