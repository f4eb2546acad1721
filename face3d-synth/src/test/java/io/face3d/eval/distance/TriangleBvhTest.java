package io.face3d.eval.distance;

import io.face3d.core.mesh.Mesh;
import io.face3d.eval.bench.AnalyticMeshes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriangleBvhTest {

    /** The BVH answer equals a brute-force scan of every triangle, for points near, on and far from the surface. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 9, 1000})
    void nearestEqualsBruteForce(int seed) {
        Random random = new Random(seed);
        Mesh mesh = AnalyticMeshes.withNormalNoise(AnalyticMeshes.heightField(-50, 50, -60, 60, 20 + seed % 7, 25,
            AnalyticMeshes.faceRelief(), 0.8, seed), 0.5, seed);
        TriangleBvh bvh = new TriangleBvh(mesh);
        assertTrue(bvh.nodeCount() <= mesh.triangleCount() + 1);
        TriangleBvh.Query q = bvh.newQuery();
        double[] out = new double[3];
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        for (int i = 0; i < 300; i++) {
            double scale = i % 3 == 0 ? 200 : 70;
            double x = scale * (random.nextDouble() - 0.5), y = scale * (random.nextDouble() - 0.5);
            double z = 100 * random.nextDouble() - 30;
            double got = q.nearest(x, y, z);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < mesh.triangleCount(); k++) {
                int a = 3 * t[3 * k], b = 3 * t[3 * k + 1], c = 3 * t[3 * k + 2];
                best = Math.min(best, ClosestPointOnTriangle.closest(x, y, z, p[a], p[a + 1], p[a + 2],
                    p[b], p[b + 1], p[b + 2], p[c], p[c + 1], p[c + 2], out));
            }
            assertEquals(best, got, 1e-9 * Math.max(1, best));
            double check = (x - q.x()) * (x - q.x()) + (y - q.y()) * (y - q.y()) + (z - q.z()) * (z - q.z());
            assertEquals(got, check, 1e-6 * Math.max(1, got));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 17})
    void tinyMeshesWork(int triangles) {
        float[] p = new float[9 * triangles];
        int[] t = new int[3 * triangles];
        for (int i = 0; i < triangles; i++) {
            float[] tri = {10 * i, 0, 0, 10 * i + 1, 0, 0, 10 * i, 1, 0};
            System.arraycopy(tri, 0, p, 9 * i, 9);
            t[3 * i] = 3 * i;
            t[3 * i + 1] = 3 * i + 1;
            t[3 * i + 2] = 3 * i + 2;
        }
        TriangleBvh.Query q = new TriangleBvh(p, t).newQuery();
        double d2 = q.nearest(10 * (triangles - 1) + 0.25, 0.25, 2);
        assertEquals(4, d2, 1e-9);
        assertEquals(triangles - 1, q.triangle());
        assertEquals(Double.POSITIVE_INFINITY, q.nearest(0, 0, 100, 1));
        assertEquals(-1, q.triangle());
    }
}
