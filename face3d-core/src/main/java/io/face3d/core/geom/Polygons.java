package io.face3d.core.geom;

/**
 * Point-in-polygon for the image-plane outlines the fitters and measures mask with (lip hull, eye apertures,
 * feature loops), tested once per pixel.
 *
 * <p>Written here rather than taken from {@code java.awt.geom.Path2D}: that needs a shape object built per polygon
 * and the desktop module, for what is the crossing-number test below.
 */
public final class Polygons {
    private Polygons() {
    }

    /**
     * Whether (x, y) lies inside the closed polygon (x, y pairs, last vertex joined to the first), by the even-odd
     * rule: a ray towards +x crosses the boundary an odd number of times (Shimrat 1962, ACM algorithm 112).
     */
    public static boolean contains(double[] poly, double x, double y) {
        boolean in = false;
        int n = poly.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = poly[2 * i], yi = poly[2 * i + 1], xj = poly[2 * j], yj = poly[2 * j + 1];
            if ((yi > y) != (yj > y) && x < xi + (y - yi) * (xj - xi) / (yj - yi)) {
                in = !in;
            }
        }
        return in;
    }
}
