package io.face3d.core.geom;

import java.util.Arrays;

/** A single stray point: what turns "the points are degenerate" into "this one point is wrong" in messages. */
public final class Outliers {
    private Outliers() {
    }

    /**
     * The point farther from the coordinate-wise median than 1000 times the next farthest point is, or -1.
     *
     * @param points interleaved coordinates
     * @param dim    coordinates per point
     */
    public static int farthestAlone(float[] points, int dim) {
        double[] d = new double[points.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = points[i];
        }
        return farthestAlone(d, dim);
    }

    public static int farthestAlone(double[] points, int dim) {
        int n = points.length / dim;
        if (n < 3) {
            return -1;
        }
        double[] median = new double[dim];
        double[] column = new double[n];
        for (int k = 0; k < dim; k++) {
            for (int i = 0; i < n; i++) {
                column[i] = points[dim * i + k];
            }
            Arrays.sort(column);
            median[k] = column[n / 2];
        }
        int best = -1;
        double first = -1, second = -1;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                double v = points[dim * i + k] - median[k];
                s += v * v;
            }
            if (s > first) {
                second = first;
                first = s;
                best = i;
            } else if (s > second) {
                second = s;
            }
        }
        return first > 1e6 * Math.max(second, 1e-300) ? best : -1; // squared distances: 1000x the distance
    }
}
