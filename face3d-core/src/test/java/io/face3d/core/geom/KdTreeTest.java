package io.face3d.core.geom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KdTreeTest {
    /** Nearest neighbours equal brute force, including grids with many exact ties (smaller index wins). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nearestEqualsBruteForce(boolean grid) {
        Random rnd = new Random(grid ? 5 : 3);
        int n = 2000;
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = grid ? rnd.nextInt(6) : (float) rnd.nextGaussian() * 10;
        }
        KdTree tree = KdTree.of(p);
        for (int q = 0; q < 500; q++) {
            double x = grid ? rnd.nextInt(6) : rnd.nextGaussian() * 12;
            double y = grid ? rnd.nextInt(6) : rnd.nextGaussian() * 12;
            double z = grid ? rnd.nextInt(6) : rnd.nextGaussian() * 12;
            int best = -1;
            double bd = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                double dx = p[3 * i] - x, dy = p[3 * i + 1] - y, dz = p[3 * i + 2] - z;
                double d = dx * dx + dy * dy + dz * dz;
                if (d < bd) {
                    bd = d;
                    best = i;
                }
            }
            assertEquals(best, tree.nearest(x, y, z), "query " + q);
        }
    }
}
