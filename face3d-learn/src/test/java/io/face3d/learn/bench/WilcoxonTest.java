package io.face3d.learn.bench;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WilcoxonTest {
    @Test
    void knownValues() {
        // n = 10 differences 1..10, all positive: W+ = 55, mean 27.5, var 96.25, z = (27.5 - 0.5) / 9.811 = 2.752
        double[] a = new double[10], b = new double[10];
        for (int i = 0; i < 10; i++) {
            a[i] = i + 1;
        }
        assertEquals(2 * Wilcoxon.upperTail(27.0 / Math.sqrt(96.25)), Wilcoxon.pValue(a, b), 1e-12);
        assertEquals(0.00592, Wilcoxon.pValue(a, b), 2e-4);
        assertEquals(0.5, Wilcoxon.upperTail(0), 1e-7);
        assertEquals(0.0227501, Wilcoxon.upperTail(2), 1e-6);
    }

    @Test
    void samePopulationsGiveLargePValues() {
        Random r = new Random(1);
        double[] a = new double[200], b = new double[200];
        for (int i = 0; i < 200; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
        assertTrue(Wilcoxon.pValue(a, b) > 0.05);
        assertEquals(1, Wilcoxon.pValue(a, a), 0);
        for (int i = 0; i < 200; i++) {
            b[i] = a[i] - 0.3 - 0.01 * r.nextGaussian();
        }
        assertTrue(Wilcoxon.pValue(a, b) < 1e-10);
    }
}
