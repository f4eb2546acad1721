package io.face3d.core.geom;

import java.util.function.IntToDoubleFunction;

/**
 * Centroid and mean squared distance to it of n 2D points, read as interleaved coordinates (x0, y0, x1, y1, ...)
 * through {@code coordinate} so that float and double arrays share one summation (sums in double, in index order).
 *
 * @param cx         centroid x
 * @param cy         centroid y
 * @param meanSquare mean of |p - c|^2 over the points
 */
public record Spread2(double cx, double cy, double meanSquare) {
    public static Spread2 of(int n, IntToDoubleFunction coordinate) {
        double cx = 0, cy = 0;
        for (int i = 0; i < n; i++) {
            cx += coordinate.applyAsDouble(2 * i);
            cy += coordinate.applyAsDouble(2 * i + 1);
        }
        cx /= n;
        cy /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double dx = coordinate.applyAsDouble(2 * i) - cx, dy = coordinate.applyAsDouble(2 * i + 1) - cy;
            ss += dx * dx + dy * dy;
        }
        return new Spread2(cx, cy, ss / n);
    }

    /** The RMS distance of the points to their centroid. */
    public double rms() {
        return Math.sqrt(meanSquare);
    }
}
