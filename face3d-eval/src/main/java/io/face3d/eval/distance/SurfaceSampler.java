package io.face3d.eval.distance;

import io.face3d.core.mesh.Mesh;

import java.util.Random;

/**
 * Uniform random points on a triangle mesh, area-weighted as in the MESH tool (Aspert, Santa-Cruz, Ebrahimi,
 * "MESH: measuring errors between surfaces using the Hausdorff distance", ICME 2002): every triangle receives a
 * number of samples proportional to its area (stratified: the integer part of its share plus one more with the
 * probability of the fractional part), each placed uniformly inside the triangle (Osada et al. 2002, eq. 1).
 * MESH places its samples on a regular barycentric grid per triangle; random placement has the same expectation
 * and no aliasing with regular tessellations.
 */
public final class SurfaceSampler {
    private SurfaceSampler() {
    }

    /** About {@code target} points (x, y, z flattened), reproducible for a given seed. */
    public static float[] sample(Mesh mesh, int target, long seed) {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        int n = t.length / 3;
        double total = MeshGeometry.area(mesh);
        if (!(total > 0) || target <= 0) {
            return new float[0];
        }
        Random random = new Random(seed);
        int[] counts = new int[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            double expected = target * MeshGeometry.triangleArea(p, t, i) / total;
            int k = (int) expected;
            if (random.nextDouble() < expected - k) {
                k++;
            }
            counts[i] = k;
            sum += k;
        }
        float[] out = new float[Math.toIntExact(3 * sum)];
        int o = 0;
        for (int i = 0; i < n; i++) {
            int a = 3 * t[3 * i], b = 3 * t[3 * i + 1], c = 3 * t[3 * i + 2];
            for (int s = 0; s < counts[i]; s++) {
                double r1 = Math.sqrt(random.nextDouble()), r2 = random.nextDouble();
                double wa = 1 - r1, wb = r1 * (1 - r2), wc = r1 * r2;
                for (int k = 0; k < 3; k++) {
                    out[o + k] = (float) (wa * p[a + k] + wb * p[b + k] + wc * p[c + k]);
                }
                o += 3;
            }
        }
        return out;
    }
}
