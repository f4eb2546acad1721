package io.face3d.fit.photometric;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;

/**
 * Left/right vertex correspondence of the model's full face area: the counterpart of vertex v is the vertex
 * nearest to v's mirror image (x -> -x) on the mean face (ICT is built symmetric about x = 0 up to small
 * asymmetries: the nearest vertex lies within {@link #maxDistance()} mm). Built once per model with a uniform
 * grid; a vertex on the midline maps to itself or its midline neighbour.
 */
public final class MirrorMap {
    private final int[] counterpart;
    private final double maxDistance;

    private MirrorMap(int[] counterpart, double maxDistance) {
        this.counterpart = counterpart;
        this.maxDistance = maxDistance;
    }

    public static MirrorMap of(MorphableModel model, Region region) {
        int n = model.vertexCount(region);
        float[] p = model.meanArray();
        double cell = 4;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, minZ = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE, maxZ = -Double.MAX_VALUE;
        for (int v = 0; v < n; v++) {
            minX = Math.min(minX, p[3 * v]);
            maxX = Math.max(maxX, p[3 * v]);
            minY = Math.min(minY, p[3 * v + 1]);
            maxY = Math.max(maxY, p[3 * v + 1]);
            minZ = Math.min(minZ, p[3 * v + 2]);
            maxZ = Math.max(maxZ, p[3 * v + 2]);
        }
        minX = Math.min(minX, -maxX);
        maxX = Math.max(maxX, -minX);
        int nx = (int) ((maxX - minX) / cell) + 1, ny = (int) ((maxY - minY) / cell) + 1, nz = (int) ((maxZ - minZ) / cell) + 1;
        int[] head = new int[nx * ny * nz];
        java.util.Arrays.fill(head, -1);
        int[] next = new int[n];
        for (int v = 0; v < n; v++) {
            int c = cellOf(p[3 * v], p[3 * v + 1], p[3 * v + 2], minX, minY, minZ, cell, nx, ny, nz);
            next[v] = head[c];
            head[c] = v;
        }
        int[] out = new int[n];
        double worst = 0;
        for (int v = 0; v < n; v++) {
            double qx = -p[3 * v], qy = p[3 * v + 1], qz = p[3 * v + 2];
            int best = v;
            double bestD = Double.MAX_VALUE;
            for (int radius = 1; radius <= 8 && bestD > (radius - 1) * cell * (radius - 1) * cell; radius++) {
                int cx = (int) ((qx - minX) / cell), cy = (int) ((qy - minY) / cell), cz = (int) ((qz - minZ) / cell);
                for (int i = Math.max(0, cx - radius); i <= Math.min(nx - 1, cx + radius); i++) {
                    for (int j = Math.max(0, cy - radius); j <= Math.min(ny - 1, cy + radius); j++) {
                        for (int k = Math.max(0, cz - radius); k <= Math.min(nz - 1, cz + radius); k++) {
                            for (int u = head[(i * ny + j) * nz + k]; u >= 0; u = next[u]) {
                                double dx = p[3 * u] - qx, dy = p[3 * u + 1] - qy, dz = p[3 * u + 2] - qz;
                                double d = dx * dx + dy * dy + dz * dz;
                                if (d < bestD) {
                                    bestD = d;
                                    best = u;
                                }
                            }
                        }
                    }
                }
            }
            out[v] = best;
            worst = Math.max(worst, Math.sqrt(bestD));
        }
        return new MirrorMap(out, worst);
    }

    private static int cellOf(double x, double y, double z, double minX, double minY, double minZ, double cell,
                              int nx, int ny, int nz) {
        int i = Math.min(nx - 1, (int) ((x - minX) / cell)), j = Math.min(ny - 1, (int) ((y - minY) / cell));
        int k = Math.min(nz - 1, (int) ((z - minZ) / cell));
        return (i * ny + j) * nz + k;
    }

    /** Counterpart of a vertex. */
    public int counterpart(int vertex) {
        return counterpart[vertex];
    }

    /** The whole map (a copy). */
    public int[] counterparts() {
        return counterpart.clone();
    }

    /** Largest distance (mm) between a mirrored vertex and its counterpart on the mean face. */
    public double maxDistance() {
        return maxDistance;
    }

    public int size() {
        return counterpart.length;
    }
}
