package io.face3d.eval.distance;

import java.util.Arrays;

/**
 * Summary of unsigned distances, mm.
 *
 * @param count number of distances
 */
public record DistanceStats(double mean, double rms, double median, double max, int count) {

    public static DistanceStats of(double[] d) {
        if (d.length == 0) {
            throw new IllegalArgumentException("no distances to summarise");
        }
        double sum = 0, sum2 = 0, max = 0;
        for (double v : d) {
            sum += v;
            sum2 += v * v;
            max = Math.max(max, v);
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        return new DistanceStats(sum / n, Math.sqrt(sum2 / n), median, max, n);
    }
}
