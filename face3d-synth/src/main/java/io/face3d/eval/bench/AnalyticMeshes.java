package io.face3d.eval.bench;

import io.face3d.core.mesh.Mesh;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/**
 * Meshes whose distances are known in closed form, for tests and the {@code eval} bench suite: spheres in two
 * different tessellations (UV and subdivided icosahedron), height fields on jittered grids with random diagonals
 * (planes, Gaussian bumps, a face-like relief), and Gaussian noise along the normals.
 */
public final class AnalyticMeshes {
    private AnalyticMeshes() {
    }

    /** Sphere from latitude/longitude rings: {@code rings} >= 2, {@code segments} >= 3. */
    public static Mesh uvSphere(double radius, double cx, double cy, double cz, int rings, int segments) {
        int n = 2 + (rings - 1) * segments;
        float[] p = new float[3 * n];
        p[0] = (float) cx;
        p[1] = (float) cy;
        p[2] = (float) (cz + radius);
        int v = 1;
        for (int i = 1; i < rings; i++) {
            double theta = Math.PI * i / rings;
            for (int j = 0; j < segments; j++) {
                double phi = 2 * Math.PI * j / segments;
                p[3 * v] = (float) (cx + radius * Math.sin(theta) * Math.cos(phi));
                p[3 * v + 1] = (float) (cy + radius * Math.sin(theta) * Math.sin(phi));
                p[3 * v + 2] = (float) (cz + radius * Math.cos(theta));
                v++;
            }
        }
        p[3 * v] = (float) cx;
        p[3 * v + 1] = (float) cy;
        p[3 * v + 2] = (float) (cz - radius);
        int south = v;
        int[] t = new int[3 * (2 * segments + 2 * (rings - 2) * segments)];
        int o = 0;
        for (int j = 0; j < segments; j++) {
            int a = 1 + j, b = 1 + (j + 1) % segments;
            t[o++] = 0;
            t[o++] = a;
            t[o++] = b;
        }
        for (int i = 0; i < rings - 2; i++) {
            for (int j = 0; j < segments; j++) {
                int a = 1 + i * segments + j, b = 1 + i * segments + (j + 1) % segments;
                int c = a + segments, d = b + segments;
                t[o++] = a;
                t[o++] = c;
                t[o++] = b;
                t[o++] = b;
                t[o++] = c;
                t[o++] = d;
            }
        }
        int last = 1 + (rings - 2) * segments;
        for (int j = 0; j < segments; j++) {
            int a = last + j, b = last + (j + 1) % segments;
            t[o++] = a;
            t[o++] = south;
            t[o++] = b;
        }
        return new Mesh(p, t);
    }

    /** Icosahedron subdivided {@code levels} times, vertices pushed onto the sphere. */
    public static Mesh icoSphere(double radius, double cx, double cy, double cz, int levels) {
        double g = (1 + Math.sqrt(5)) / 2;
        double[][] base = {{-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g}, {0, -1, -g},
            {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}};
        int[] faces = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        java.util.List<double[]> verts = new java.util.ArrayList<>();
        for (double[] b : base) {
            verts.add(unit(b));
        }
        for (int l = 0; l < levels; l++) {
            Map<Long, Integer> mid = new HashMap<>();
            int[] next = new int[faces.length * 4];
            int o = 0;
            for (int f = 0; f < faces.length; f += 3) {
                int a = faces[f], b = faces[f + 1], c = faces[f + 2];
                int ab = midpoint(verts, mid, a, b), bc = midpoint(verts, mid, b, c), ca = midpoint(verts, mid, c, a);
                int[] tri = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(tri, 0, next, o, 12);
                o += 12;
            }
            faces = next;
        }
        float[] p = new float[3 * verts.size()];
        for (int i = 0; i < verts.size(); i++) {
            double[] u = verts.get(i);
            p[3 * i] = (float) (cx + radius * u[0]);
            p[3 * i + 1] = (float) (cy + radius * u[1]);
            p[3 * i + 2] = (float) (cz + radius * u[2]);
        }
        return new Mesh(p, faces);
    }

    private static int midpoint(java.util.List<double[]> verts, Map<Long, Integer> cache, int a, int b) {
        long key = Math.min(a, b) * 4_000_000_000L + Math.max(a, b);
        Integer hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        double[] pa = verts.get(a), pb = verts.get(b);
        verts.add(unit(new double[] {pa[0] + pb[0], pa[1] + pb[1], pa[2] + pb[2]}));
        cache.put(key, verts.size() - 1);
        return verts.size() - 1;
    }

    private static double[] unit(double[] v) {
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }

    /**
     * Height field z = f(x, y) over [x0, x1] x [y0, y1] on an nx by ny vertex grid. Interior vertices are moved by up
     * to {@code jitter} of a cell in x and y (the surface stays exact: z is evaluated at the moved point) and each
     * cell takes a random diagonal, so two fields with different seeds have different tessellations.
     */
    public static Mesh heightField(double x0, double x1, double y0, double y1, int nx, int ny,
                                   DoubleBinaryOperator f, double jitter, long seed) {
        Random random = new Random(seed);
        float[] p = new float[3 * nx * ny];
        double dx = (x1 - x0) / (nx - 1), dy = (y1 - y0) / (ny - 1);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double x = x0 + i * dx, y = y0 + j * dy;
                if (i > 0 && j > 0 && i < nx - 1 && j < ny - 1) {
                    x += jitter * dx * (random.nextDouble() - 0.5);
                    y += jitter * dy * (random.nextDouble() - 0.5);
                }
                int v = 3 * (j * nx + i);
                p[v] = (float) x;
                p[v + 1] = (float) y;
                p[v + 2] = (float) f.applyAsDouble(x, y);
            }
        }
        int[] t = new int[6 * (nx - 1) * (ny - 1)];
        int o = 0;
        for (int j = 0; j < ny - 1; j++) {
            for (int i = 0; i < nx - 1; i++) {
                int a = j * nx + i, b = a + 1, c = a + nx, d = c + 1;
                if (random.nextBoolean()) {
                    int[] q = {a, b, d, a, d, c};
                    System.arraycopy(q, 0, t, o, 6);
                } else {
                    int[] q = {a, b, c, b, d, c};
                    System.arraycopy(q, 0, t, o, 6);
                }
                o += 6;
            }
        }
        return new Mesh(p, t);
    }

    /** A Gaussian bump of the given height and width (sigma) centred at (cx, cy). */
    public static DoubleBinaryOperator bump(double height, double sigma, double cx, double cy) {
        return (x, y) -> height * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
    }

    /**
     * A face-sized relief without symmetries (so every rigid motion shows): a dome, a nose-like ridge and two brow
     * bumps of different sizes, about 120 x 150 mm.
     */
    public static DoubleBinaryOperator faceRelief() {
        return (x, y) -> 40 * Math.exp(-(x * x / 3600 + y * y / 5000))
            + 18 * Math.exp(-(x * x / 60 + (y + 5) * (y + 5) / 700))
            + 6 * Math.exp(-((x - 30) * (x - 30) + (y - 35) * (y - 35)) / 150)
            + 4 * Math.exp(-((x + 28) * (x + 28) + (y - 30) * (y - 30)) / 90)
            + 3 * Math.exp(-((x + 5) * (x + 5) + (y + 45) * (y + 45)) / 120);
    }

    /** Gaussian noise of standard deviation {@code sigma} mm added along each vertex normal. */
    public static Mesh withNormalNoise(Mesh mesh, double sigma, long seed) {
        Random random = new Random(seed);
        float[] n = mesh.vertexNormals();
        float[] p = mesh.positions().clone();
        for (int i = 0; i < p.length; i += 3) {
            double e = sigma * random.nextGaussian();
            p[i] += (float) (e * n[i]);
            p[i + 1] += (float) (e * n[i + 1]);
            p[i + 2] += (float) (e * n[i + 2]);
        }
        return mesh.withPositions(p);
    }

    /**
     * A partial scan of {@link #faceRelief()}: the central part (x in [-45, 45], y in [-50, 65] mm, about 55% of
     * the relief's area) on its own nx x ny jittered grid, with Gaussian noise of {@code noise} mm along the normals.
     */
    public static Mesh partialScan(int nx, int ny, double noise, long gridSeed, long noiseSeed) {
        return withNormalNoise(heightField(-45, 45, -50, 65, nx, ny, faceRelief(), 0.9, gridSeed), noise, noiseSeed);
    }

    /**
     * RMS distance (mm) between the vertices of {@code aligned} and those of {@code truth} (same vertex order) over
     * the extent of {@link #partialScan}: how well an alignment to the partial scan put the prediction back.
     */
    public static double partialScanRms(Mesh aligned, Mesh truth) {
        double sum = 0;
        int n = 0;
        float[] a = aligned.positions(), t = truth.positions();
        for (int i = 0; i < a.length; i += 3) {
            if (Math.abs(t[i]) <= 45 && t[i + 1] >= -50 && t[i + 1] <= 65) {
                double dx = a[i] - t[i], dy = a[i + 1] - t[i + 1], dz = a[i + 2] - t[i + 2];
                sum += dx * dx + dy * dy + dz * dz;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
