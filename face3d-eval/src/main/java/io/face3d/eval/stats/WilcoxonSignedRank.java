package io.face3d.eval.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * The paired Wilcoxon signed-rank test (Wilcoxon 1945), two-sided, for comparing two methods on the same cases
 * (e.g. per-face errors). Zero differences are dropped (Wilcoxon's convention, scipy's zero_method="wilcox"); tied
 * |differences| share their mid-rank. With at most {@value #EXACT_LIMIT} non-zero differences the p-value is exact:
 * the permutation distribution of W+ over all 2^n sign assignments of the (mid-)ranks, counted by dynamic
 * programming on doubled ranks (integers even with ties). Otherwise the normal approximation with the tie
 * correction of the variance, n(n+1)(2n+1)/24 - sum(t^3 - t)/48, and no continuity correction.
 * <p>The test itself is written here because commons-math3's {@code WilcoxonSignedRankTest} ranks zero
 * differences, has no tie correction, adds a continuity correction and its exact mode ignores ties, so its p-values
 * are not scipy's; the normal distribution is commons-math3's.
 */
public final class WilcoxonSignedRank {
    public static final int EXACT_LIMIT = 20;
    /** Standard normal; no random generator (only the cdf is used). */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * @param n         non-zero differences used
     * @param zeros     zero differences dropped
     * @param wPlus     sum of ranks of positive differences (a > b)
     * @param wMinus    sum of ranks of negative differences
     * @param statistic min(wPlus, wMinus), the tabulated T
     * @param z         standardised W+ of the normal approximation (computed in both modes)
     * @param pValue    two-sided
     * @param exact     the p-value comes from the exact distribution
     */
    public record Result(int n, int zeros, double wPlus, double wMinus, double statistic, double z, double pValue,
                         boolean exact) {
    }

    private WilcoxonSignedRank() {
    }

    /** Tests whether paired samples a and b differ in location; exact when n <= 20. */
    public static Result test(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need the same length: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return test(d);
    }

    /** Tests whether the differences are centred on 0; exact when n <= 20. */
    public static Result test(double[] differences) {
        return test(differences, true);
    }

    /** As {@link #test(double[])}, choosing the normal approximation when {@code allowExact} is false. */
    public static Result test(double[] differences, boolean allowExact) {
        int zeros = 0;
        for (double v : differences) {
            if (v == 0) {
                zeros++;
            } else if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("differences must be finite numbers");
            }
        }
        int n = differences.length - zeros;
        if (n == 0) {
            return new Result(0, zeros, 0, 0, 0, 0, 1, true);
        }
        double[] abs = new double[n];
        boolean[] positive = new boolean[n];
        int k = 0;
        for (double v : differences) {
            if (v != 0) {
                abs[k] = Math.abs(v);
                positive[k++] = v > 0;
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(abs[x], abs[y]));
        int[] doubledRank = new int[n]; // 2 x mid-rank: an integer even for ties
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && abs[idx[j + 1]] == abs[idx[i]]) {
                j++;
            }
            int t = j - i + 1;
            for (int m = i; m <= j; m++) {
                doubledRank[idx[m]] = i + j + 2; // (i+1 + j+1)
            }
            tieTerm += (double) t * t * t - t;
            i = j + 1;
        }
        long plus2 = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                plus2 += doubledRank[i];
            }
        }
        double wPlus = plus2 / 2.0, total = n * (n + 1) / 2.0, wMinus = total - wPlus;
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48;
        double z = var > 0 ? (wPlus - mean) / Math.sqrt(var) : 0;
        boolean exact = allowExact && n <= EXACT_LIMIT;
        double p;
        if (exact) {
            p = exactTwoSided(doubledRank, (int) plus2);
        } else {
            p = var > 0 ? 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)) : 1;
        }
        return new Result(n, zeros, wPlus, wMinus, Math.min(wPlus, wMinus), z, Math.min(1, p), exact);
    }

    /** 2 min(P(W+ <= w), P(W+ >= w)) under random signs, by counting subsets of doubled ranks per sum. */
    private static double exactTwoSided(int[] doubledRank, int w2) {
        int max = 0;
        for (int r : doubledRank) {
            max += r;
        }
        double[] count = new double[max + 1];
        count[0] = 1;
        int reach = 0;
        for (int r : doubledRank) {
            for (int s = reach; s >= 0; s--) {
                if (count[s] != 0) {
                    count[s + r] += count[s];
                }
            }
            reach += r;
        }
        double all = Math.pow(2, doubledRank.length), low = 0, high = 0;
        for (int s = 0; s <= max; s++) {
            if (s <= w2) {
                low += count[s];
            }
            if (s >= w2) {
                high += count[s];
            }
        }
        return 2 * Math.min(low, high) / all;
    }
}
