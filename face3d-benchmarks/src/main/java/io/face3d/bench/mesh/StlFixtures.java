package io.face3d.bench.mesh;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;

import java.nio.file.Path;
import java.util.Random;

/**
 * Large binary STL files for the reading benchmarks, written with face3d's own writer. Not flattering: triangle
 * order is shuffled (no locality for the welding hash table), coordinates carry noise (no repeated bit patterns).
 */
public final class StlFixtures {
    private StlFixtures() {
    }

    /**
     * @param layout    "closed": a noisy torus, each vertex shared by 6 triangles, as in a scan;
     *                  "soup": disjoint triangles, every corner a new vertex (the welder's worst case)
     * @param triangles triangle count (even for "closed")
     */
    public static Path write(String layout, int triangles, Path file) {
        Random rnd = new Random(42);
        Mesh mesh = switch (layout) {
            case "closed" -> torus(triangles / 2, rnd);
            case "soup" -> soup(triangles, rnd);
            default -> throw new IllegalArgumentException("layout closed or soup, not " + layout);
        };
        MeshIO.write(mesh, file);
        return file;
    }

    private static Mesh torus(int vertices, Random rnd) {
        int nu = (int) Math.round(Math.sqrt(vertices * 2.0));
        while (vertices % nu != 0) { // an exact nu x nv grid, so the file has exactly the triangles asked for
            nu--;
        }
        int nv = vertices / nu;
        float[] p = new float[3 * nu * nv];
        for (int i = 0; i < nu; i++) {
            for (int j = 0; j < nv; j++) {
                double u = 2 * Math.PI * i / nu, v = 2 * Math.PI * j / nv;
                double r = 30 + 0.05 * rnd.nextGaussian(), ring = 80 + r * Math.cos(v);
                int k = 3 * (i * nv + j);
                p[k] = (float) (ring * Math.cos(u));
                p[k + 1] = (float) (ring * Math.sin(u));
                p[k + 2] = (float) (r * Math.sin(v));
            }
        }
        int[] t = new int[6 * nu * nv];
        int[] order = shuffled(nu * nv, rnd);
        for (int q = 0; q < order.length; q++) {
            int i = order[q] / nv, j = order[q] % nv;
            int a = i * nv + j, b = ((i + 1) % nu) * nv + j, c = ((i + 1) % nu) * nv + (j + 1) % nv,
                d = i * nv + (j + 1) % nv;
            System.arraycopy(new int[] {a, b, c, a, c, d}, 0, t, 6 * q, 6);
        }
        return new Mesh(p, t);
    }

    private static Mesh soup(int triangles, Random rnd) {
        float[] p = new float[9 * triangles];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (200 * rnd.nextDouble() - 100);
        }
        int[] t = new int[3 * triangles];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        return new Mesh(p, t);
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }
}
