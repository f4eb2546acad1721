package io.face3d.eval.landmarks;

import java.util.Arrays;

/**
 * Cumulative error distribution of per-face errors up to a threshold, its normalised area (AUC) and the failure
 * rate (faces whose error exceeds the threshold), as in the 300-W challenge (Sagonas et al., 2016) with a 10%
 * threshold by default.
 *
 * @param thresholds x values of the curve, 0 to {@code maxError}
 * @param fractions  fraction of faces with error <= each threshold
 * @param auc        integral of the curve over [0, maxError] divided by maxError, in [0, 1]
 * @param failureRate fraction of faces with error > maxError
 * @param maxError   the threshold
 */
public record Ced(double[] thresholds, double[] fractions, double auc, double failureRate, double maxError) {

    /** Curve of {@code steps + 1} points; AUC and failure rate are exact (not read off the sampled curve). */
    public static Ced of(double[] errors, double maxError, int steps) {
        if (errors.length == 0 || !(maxError > 0) || steps < 1) {
            throw new IllegalArgumentException("a CED needs errors, a threshold > 0 and at least one step");
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        // Integral of the empirical CDF over [0, T] = (1/n) sum max(0, T - e_i).
        double area = 0;
        int failures = 0;
        for (double e : sorted) {
            area += Math.max(0, maxError - Math.max(0, e));
            if (e > maxError) {
                failures++;
            }
        }
        double[] x = new double[steps + 1], y = new double[steps + 1];
        int j = 0;
        for (int s = 0; s <= steps; s++) {
            x[s] = maxError * s / steps;
            while (j < n && sorted[j] <= x[s]) {
                j++;
            }
            y[s] = (double) j / n;
        }
        return new Ced(x, y, area / n / maxError, (double) failures / n, maxError);
    }
}
