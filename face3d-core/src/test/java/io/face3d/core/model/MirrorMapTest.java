package io.face3d.core.model;

import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MirrorMapTest {
    @Test
    void syntheticSymmetricCloudWithCoincidentPointsIsRecoveredExactly() {
        Random rnd = new Random(21);
        int half = 300, mid = 20, dup = 15;
        int n = 2 * half + mid + 2 * dup;
        float[] p = new float[3 * n];
        int[] expected = new int[n];
        int k = 0;
        for (int i = 0; i < half; i++, k += 2) {
            float x = 1 + rnd.nextFloat() * 50, y = rnd.nextFloat() * 50, z = rnd.nextFloat() * 50;
            set(p, k, x, y, z);
            set(p, k + 1, -x, y, z);
            expected[k] = k + 1;
            expected[k + 1] = k;
        }
        for (int i = 0; i < mid; i++, k++) {
            set(p, k, 0, rnd.nextFloat() * 50, rnd.nextFloat() * 50);
            expected[k] = k;
        }
        // coincident duplicates of the first `dup` left/right pairs: ties that plain nearest neighbour gets wrong
        for (int i = 0; i < dup; i++, k += 2) {
            set(p, k, p[6 * i], p[6 * i + 1], p[6 * i + 2]);
            set(p, k + 1, p[6 * i + 3], p[6 * i + 4], p[6 * i + 5]);
        }
        MirrorMap m = MirrorMap.build(p);
        assertTrue(m.involutionFailures() > 0, "the ties make plain nearest neighbour fail the involution check");
        assertEquals(0, m.unpairedCount());
        assertEquals(mid, m.selfCount());
        for (int v = 0; v < 2 * half + mid; v++) {
            int c = m.counterpart(v);
            // a duplicated vertex may pair with its counterpart's duplicate: same position, equally right
            assertEquals(-p[3 * expected[v]], -p[3 * c], 0f);
            assertEquals(p[3 * expected[v] + 1], p[3 * c + 1], 0f);
        }
        assertInvolution(m);
        assertEquals(0, m.maxResidual(), 0);
    }

    private static void set(float[] p, int i, float x, float y, float z) {
        p[3 * i] = x;
        p[3 * i + 1] = y;
        p[3 * i + 2] = z;
    }

    private static void assertInvolution(MirrorMap m) {
        for (int v = 0; v < m.size(); v++) {
            int c = m.counterpart(v);
            if (c >= 0) {
                assertEquals(v, m.counterpart(c), "involution at " + v);
            }
        }
    }

    @Test
    void ictMeanIsSymmetricAndTheMapIsAnInvolution() {
        MorphableModel model = TestModel.get();
        MirrorMap m = model.mirrorMap();
        assertSame(m, model.mirrorMap(), "cached");
        assertEquals(model.vertexCount(), m.size());
        assertInvolution(m);
        assertEquals(0, m.unpairedCount(), "every vertex gets a counterpart once ties are resolved");
        assertTrue(m.maxResidual() < 0.5, "ICT is symmetric to well under a millimetre: " + m.maxResidual());
        float[] mean = model.meanArray();
        for (int v = 0; v < m.size(); v++) {
            int c = m.counterpart(v);
            assertTrue(mean[3 * v] * mean[3 * c] <= 1e-3, "counterparts lie on opposite sides of x = 0 at " + v);
        }
        // landmarks: the outer eye corners 36 and 45 and mouth corners 48 and 54 are mirror images
        int[] lm = model.landmarks68();
        float[] p = model.evaluate(null, null, lm);
        for (int[] pair : new int[][] {{36, 45}, {48, 54}, {0, 16}}) {
            int c = m.counterpart(lm[pair[0]]);
            double dx = mean[3 * c] - p[3 * pair[1]], dy = mean[3 * c + 1] - p[3 * pair[1] + 1];
            double dz = mean[3 * c + 2] - p[3 * pair[1] + 2];
            assertTrue(Math.sqrt(dx * dx + dy * dy + dz * dz) < 2.0, "landmark " + pair[0] + " mirrors near " + pair[1]);
        }
    }
}
