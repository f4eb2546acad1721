package io.face3d.eval.distance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClosestPointOnTriangleTest {

    /** Against a dense barycentric grid: never farther than the grid's best, and within the grid spacing of it. */
    @Test
    void matchesDenseSamplingOfTheTriangle() {
        Random random = new Random(7);
        double[] out = new double[3];
        int steps = 300;
        for (int trial = 0; trial < 200; trial++) {
            double[] t = new double[9];
            for (int k = 0; k < 9; k++) {
                t[k] = 20 * random.nextDouble() - 10;
            }
            double px = 30 * random.nextDouble() - 15, py = 30 * random.nextDouble() - 15, pz = 30 * random.nextDouble() - 15;
            double d2 = ClosestPointOnTriangle.closest(px, py, pz, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], out);
            double brute = Double.POSITIVE_INFINITY;
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; j <= steps - i; j++) {
                    double u = (double) i / steps, v = (double) j / steps, w = 1 - u - v;
                    double x = w * t[0] + u * t[3] + v * t[6], y = w * t[1] + u * t[4] + v * t[7], z = w * t[2] + u * t[5] + v * t[8];
                    brute = Math.min(brute, (px - x) * (px - x) + (py - y) * (py - y) + (pz - z) * (pz - z));
                }
            }
            double d = Math.sqrt(d2), b = Math.sqrt(brute);
            assertTrue(d <= b + 1e-9, "closest point farther than a sample of the triangle");
            assertTrue(b - d < 0.1, "grid spacing is ~0.07 mm; got gap " + (b - d));
            double back = (px - out[0]) * (px - out[0]) + (py - out[1]) * (py - out[1]) + (pz - out[2]) * (pz - out[2]);
            assertEquals(d2, back, 1e-9);
        }
    }

    @Test
    void faceEdgeAndVertexRegionsHaveExactAnswers() {
        double[] out = new double[3];
        // Triangle in z = 0 with corners (0,0), (4,0), (0,4).
        assertEquals(9, ClosestPointOnTriangle.closest(1, 1, 3, 0, 0, 0, 4, 0, 0, 0, 4, 0, out), 1e-12);
        assertEquals(1, out[0], 1e-12);
        assertEquals(1, out[1], 1e-12);
        assertEquals(4, ClosestPointOnTriangle.closest(2, -2, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, out), 1e-12); // edge ab
        assertEquals(2, ClosestPointOnTriangle.closest(-1, -1, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, out), 1e-12); // vertex a
        assertEquals(8, ClosestPointOnTriangle.closest(4, 4, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, out), 1e-12); // edge bc
        assertEquals(2, out[0], 1e-12);
    }

    @Test
    void degenerateTriangleIsItsLongestSegment() {
        double[] out = new double[3];
        // All corners on the x axis from 0 to 6.
        assertEquals(4, ClosestPointOnTriangle.closest(3, 2, 0, 0, 0, 0, 6, 0, 0, 2, 0, 0, out), 1e-12);
        assertEquals(3, out[0], 1e-12);
        assertEquals(1, ClosestPointOnTriangle.closest(7, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, out) - 35, 1e-12);
    }
}
