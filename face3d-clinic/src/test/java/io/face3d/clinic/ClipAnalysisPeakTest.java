package io.face3d.clinic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aHeldClosureWhoseReadingDipsIsOneEpisodeWithItsPeakInTheMiddle() {
        double[] c = heldWithWander(5);
        c[44] = 0.1; // the pixel reading falls under the closed level for two frames inside the hold
        c[45] = 0.1;
        List<int[]> runs = ClipAnalysis.merged(List.of(new int[] {36, 43}, new int[] {46, 63}), 5);
        assertEquals(1, runs.size());
        assertEquals(36, runs.get(0)[0]);
        assertEquals(63, runs.get(0)[1]);
        assertEquals(2, ClipAnalysis.merged(List.of(new int[] {10, 13}, new int[] {30, 33}), 5).size(),
            "blinks 0.7 s apart stay two");
        ClipAnalysis.Peak p = ClipAnalysis.peak(Movement.EYES_CLOSED, c, 36, 63, 0.5, null, 5);
        assertTrue(Math.abs(p.frame() - 50) <= 2, "peak at " + p.frame());
    }

    /**
     * A pucker as a clip's followed points gave it: the corners move 3 mm each toward the midline over frames 40-70
     * (ramps of 10 around a 10-frame hold: middle 55) while the lower lip's midline point 57 drops with the protruding
     * lip so that the corner-to-57 excursion stays the same; early on (frames 5-20) 57 rises 2 mm, which shortens the
     * excursion by 0.5 mm. The corners' movement toward the nose midline finds the pucker; the excursion would not.
     */
    @Test
    void puckerIsReadFromTheCornersNotFromTheExcursionToTheLowerLip() {
        float[] base = new float[68 * 3];
        for (int i = 0; i < 68; i++) {
            base[3 * i] = (float) (i % 9 - 4) * 8;
            base[3 * i + 1] = (float) (30 - i);
            base[3 * i + 2] = 0;
        }
        for (int q : new int[] {27, 28, 29, 30, 33}) {
            base[3 * q] = 0;
        }
        set(base, 48, -25, -30);
        set(base, 54, 25, -30);
        set(base, 57, 0, -38);
        double exc = Math.hypot(25, 8);
        List<ClipAnalysis.Frame> frames = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            float[] lm = base.clone();
            double e = envelope(t, 40, 10, 10);
            double x = 25 - 3 * e;
            set(lm, 48, -x, -30);
            set(lm, 54, x, -30);
            double lip = -30 - Math.sqrt(exc * exc - x * x);
            if (t >= 5 && t <= 20) {
                lip += 2;
            }
            set(lm, 57, 0, lip);
            frames.add(new ClipAnalysis.Frame(lm, null));
        }
        ClipAnalysis.Result r = ClipAnalysis.analyse(frames, 25, 0, ClipAnalysis.Config.defaults());
        ClipAnalysis.Peak p = r.peaks().get(Movement.PUCKER);
        assertTrue(p != null && Math.abs(p.frame() - 55) <= 2, "pucker peak " + p);
        assertEquals(3, p.value(), 0.05);
        double[][] excursion = r.curves().get("excursion_change_mm");
        int dip = 0;
        for (int t = 0; t < 100; t++) {
            dip = excursion[0][t] < excursion[0][dip] ? t : dip;
        }
        assertTrue(dip >= 5 && dip <= 20, "the excursion's largest decrease is the lip's rise, frame " + dip);
    }

    private static void set(float[] lm, int p, double x, double y) {
        lm[3 * p] = (float) x;
        lm[3 * p + 1] = (float) y;
    }

    private static double envelope(int t, int start, int ramp, int hold) {
        double u = t - start;
        if (u <= 0 || u >= 2 * ramp + hold) {
            return 0;
        }
        if (u < ramp) {
            return 0.5 * (1 - Math.cos(Math.PI * u / ramp));
        }
        if (u <= ramp + hold) {
            return 1;
        }
        return 0.5 * (1 + Math.cos(Math.PI * (u - ramp - hold) / ramp));
    }
}
