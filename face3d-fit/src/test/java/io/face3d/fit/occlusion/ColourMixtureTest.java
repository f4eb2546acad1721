package io.face3d.fit.occlusion;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On seeded draws from known Gaussian clusters. */
class ColourMixtureTest {
    @Test
    void separatesTwoClustersAndRanksTheirDensities() {
        Random rnd = new Random(3);
        int n = 4000;
        float[] rgb = new float[3 * n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            double[] mean = i % 4 == 0 ? new double[] {0.2, 0.2, 0.25} : new double[] {0.75, 0.55, 0.45};
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = (float) (mean[c] + 0.03 * rnd.nextGaussian());
            }
            index[i] = i;
        }
        ColourMixture m = ColourMixture.fit(rgb, index, n, 2);
        assertEquals(2, m.components());
        int dark = m.component(0.2, 0.2, 0.25), skin = m.component(0.75, 0.55, 0.45);
        assertNotEquals(dark, skin);
        // the density at a cluster's centre: log N(0; 0.03^2 I + floor) plus the log weight, within 0.3
        double sigma2 = 0.03 * 0.03 + ColourMixture.FLOOR;
        double peak = -1.5 * Math.log(2 * Math.PI * sigma2);
        assertEquals(peak + Math.log(0.75), m.logDensity(0.75, 0.55, 0.45), 0.3);
        assertEquals(peak + Math.log(0.25), m.logDensity(0.2, 0.2, 0.25), 0.3);
        assertTrue(m.logDensity(0.45, 0.85, 0.2) < peak - 50, "a colour far from both clusters is unlikely");
        boolean[] onlyDark = new boolean[2];
        onlyDark[dark] = true;
        assertEquals(peak, m.logDensity(0.2, 0.2, 0.25, onlyDark), 0.3, "weights renormalised over the used components");
    }

    @Test
    void tooFewPixelsGiveNoMixture() {
        assertNull(ColourMixture.fit(new float[3 * 20], new int[20], 20, 3));
    }

    @Test
    void boxMeanMatchesTheClippedWindowAverage() {
        int w = 17, h = 11, r = 3;
        Random rnd = new Random(5);
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        float[] m = OcclusionDetector.boxMean(v, w, h, r);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int c = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        s += v[yy * w + xx];
                        c++;
                    }
                }
                assertEquals(s / c, m[y * w + x], 1e-5);
            }
        }
    }
}
