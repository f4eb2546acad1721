package io.face3d.core.geom;

/**
 * An axis-aligned box in the image plane (or the x-y plane of model space): the extent of a set of points, which
 * crops, thumbnails, principal-point fallbacks and size checks all start from.
 */
public record Box2(double minX, double minY, double maxX, double maxY) {

    /**
     * The bounds of points {@code from} (inclusive) to {@code to} (exclusive) of an interleaved coordinate array:
     * x at {@code stride * i}, y after it ({@code stride} 2 for (x, y) pairs, 3 for (x, y, z) triples). Empty range:
     * an inverted box (min +inf, max -inf), whose width and height are negative.
     */
    public static Box2 of(double[] coords, int stride, int from, int to) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double x = coords[stride * i], y = coords[stride * i + 1];
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
        }
        return new Box2(x0, y0, x1, y1);
    }

    /** The bounds of all (x, y) pairs or (x, y, z) triples ({@code stride} 2 or 3) of {@code coords}. */
    public static Box2 of(double[] coords, int stride) {
        return of(coords, stride, 0, coords.length / stride);
    }

    /** The x-y bounds of all (x, y, z) triples of a mesh's single-precision positions. */
    public static Box2 ofPositions(float[] xyz) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 2 < xyz.length; i += 3) {
            x0 = Math.min(x0, xyz[i]);
            x1 = Math.max(x1, xyz[i]);
            y0 = Math.min(y0, xyz[i + 1]);
            y1 = Math.max(y1, xyz[i + 1]);
        }
        return new Box2(x0, y0, x1, y1);
    }

    /** The smallest box holding this one and {@code other}. */
    public Box2 union(Box2 other) {
        return new Box2(Math.min(minX, other.minX), Math.min(minY, other.minY), Math.max(maxX, other.maxX),
            Math.max(maxY, other.maxY));
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public double centreX() {
        return (minX + maxX) / 2;
    }

    public double centreY() {
        return (minY + maxY) / 2;
    }
}
