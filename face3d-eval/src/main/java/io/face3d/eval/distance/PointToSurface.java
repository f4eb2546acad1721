package io.face3d.eval.distance;

import java.util.stream.IntStream;

/**
 * Unsigned distance of many points to a triangle surface through its {@link TriangleBvh}. Work is split into
 * blocks of {@value #BLOCK} points over the common fork-join pool: a 100k-point scan is one job, big enough to
 * be worth the cores.
 */
public final class PointToSurface {
    static final int BLOCK = 2048;

    private PointToSurface() {
    }

    /** Distance of every point (x, y, z flattened) to the surface, mm. */
    public static double[] distances(float[] points, TriangleBvh surface) {
        int n = points.length / 3;
        double[] d = new double[n];
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            TriangleBvh.Query q = surface.newQuery();
            for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                d[i] = Math.sqrt(q.nearest(points[3 * i], points[3 * i + 1], points[3 * i + 2]));
            }
        });
        return d;
    }
}
