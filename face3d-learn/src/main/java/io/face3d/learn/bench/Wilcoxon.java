package io.face3d.learn.bench;

import java.util.Arrays;

/**
 * Wilcoxon signed-rank test of paired samples, two-sided, normal approximation with tie and zero corrections
 * (Pratt's treatment of zeros is not needed: zero differences are dropped). Adequate for n &gt;= 20.
 * TO CONSOLIDATE: face3d-eval writes the project's statistics; face3d-learn cannot depend on it.
 */
final class Wilcoxon {
    private Wilcoxon() {
    }

    /** Two-sided p-value for the hypothesis that the differences a - b are symmetric about zero. */
    static double pValue(double[] a, double[] b) {
        int m = 0;
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double v = a[i] - b[i];
            if (v != 0) {
                d[m++] = v;
            }
        }
        if (m == 0) {
            return 1;
        }
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        double[] dd = Arrays.copyOf(d, m);
        Arrays.sort(idx, (p, q) -> Double.compare(Math.abs(dd[p]), Math.abs(dd[q])));
        double wPlus = 0, tieCorrection = 0;
        for (int i = 0; i < m; ) {
            int j = i;
            while (j + 1 < m && Math.abs(dd[idx[j + 1]]) == Math.abs(dd[idx[i]])) {
                j++;
            }
            double rank = 0.5 * (i + j) + 1;
            int t = j - i + 1;
            tieCorrection += (double) t * t * t - t;
            for (int k = i; k <= j; k++) {
                if (dd[idx[k]] > 0) {
                    wPlus += rank;
                }
            }
            i = j + 1;
        }
        double mean = m * (m + 1) / 4.0;
        double var = m * (m + 1) * (2.0 * m + 1) / 24.0 - tieCorrection / 48.0;
        double z = (Math.abs(wPlus - mean) - 0.5) / Math.sqrt(var);
        return Math.min(1, 2 * upperTail(Math.max(0, z)));
    }

    /** P(Z &gt; z) of the standard normal (Abramowitz and Stegun 26.2.17, error &lt; 7.5e-8). */
    static double upperTail(double z) {
        double t = 1 / (1 + 0.2316419 * z);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}
