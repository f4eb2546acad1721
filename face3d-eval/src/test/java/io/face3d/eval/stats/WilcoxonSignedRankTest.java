package io.face3d.eval.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WilcoxonSignedRankTest {
    /** Darwin's Zea mays height differences (Fisher 1935), the example of scipy.stats.wilcoxon's documentation. */
    private static final double[] DARWIN = {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};

    @Test
    void darwinExactAndApproximate() {
        WilcoxonSignedRank.Result exact = WilcoxonSignedRank.test(DARWIN);
        assertTrue(exact.exact());
        assertEquals(24, exact.statistic(), 0);
        assertEquals(96, exact.wPlus(), 0);
        assertEquals(0.041259765625, exact.pValue(), 1e-12); // = 1352 / 32768
        WilcoxonSignedRank.Result approx = WilcoxonSignedRank.test(DARWIN, false);
        assertFalse(approx.exact());
        assertEquals(0.04088813291185591, approx.pValue(), 1e-6); // scipy method="approx"
    }

    /** Table of critical values, n = 10: P(T <= 8) = 25/1024 (two-sided 5% critical value 8), P(T <= 3) = 5/1024. */
    @Test
    void exactTailsMatchTheTable() {
        double[] d = new double[10];
        // Negative ranks 1, 3, 4 -> T = 8.
        for (int i = 0; i < 10; i++) {
            d[i] = (i + 1) * (i == 0 || i == 2 || i == 3 ? -1 : 1);
        }
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(d);
        assertEquals(8, r.statistic(), 0);
        assertEquals(2 * 25 / 1024.0, r.pValue(), 1e-15);
        d[3] = 4; // negative ranks 1, 3 -> T = 4: P(T <= 4) = 7/1024
        assertEquals(2 * 7 / 1024.0, WilcoxonSignedRank.test(d).pValue(), 1e-15);
    }

    /** Ties and zeros against scipy 1.17 (zero_method="wilcox", correction=False, method="approx"). */
    @Test
    void tiesAndZerosNormalApproximation() {
        double[] t = {1.5, 2, 2, 3, 0, -1, 4, 4, 5, -2.5, 6, 7, 0, 8, 2, -3, 9, 10, 11, 12, 3, 3, 13, -4, 14, -2, 2.5, -1.5};
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(t);
        assertFalse(r.exact());
        assertEquals(2, r.zeros());
        assertEquals(26, r.n());
        assertEquals(44, r.statistic(), 0);
        assertEquals(3.343340397889558, r.z(), 1e-9);
        assertEquals(0.0008277629406751439, r.pValue(), 1e-9);
    }

    /** With ties the exact p-value equals the enumeration of all 2^n sign patterns of the mid-ranks. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void exactWithTiesEqualsBruteForce(long seed) {
        Random random = new Random(seed);
        int n = 12 + random.nextInt(5);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (random.nextInt(7) + 1) * (random.nextDouble() < 0.65 ? 1 : -1);
        }
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(d);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int less = 0, equal = 0;
            for (int j = 0; j < n; j++) {
                less += Math.abs(d[j]) < Math.abs(d[i]) ? 1 : 0;
                equal += Math.abs(d[j]) == Math.abs(d[i]) ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2.0;
        }
        int low = 0, high = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            double w = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) == 1) {
                    w += rank[i];
                }
            }
            low += w <= r.wPlus() + 1e-9 ? 1 : 0;
            high += w >= r.wPlus() - 1e-9 ? 1 : 0;
        }
        assertEquals(Math.min(1, 2.0 * Math.min(low, high) / (1 << n)), r.pValue(), 1e-12);
    }

    @Test
    void allZeros() {
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(1, r.pValue(), 0);
        assertEquals(3, r.zeros());
    }
}
