package io.face3d.fit.occlusion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against the definitions, evaluated by brute force: max / min over the (2r+1)^2 square, flood-fill labels. */
class BinaryMorphologyTest {
    private static final int W = 53, H = 41;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 9})
    void squareMorphologyMatchesTheDefinition(int r) {
        boolean[] m = blobs(r + 11L);
        boolean[] dilated = naive(m, r, true), eroded = naive(m, r, false);
        assertArrayEquals(dilated, BinaryMorphology.dilate(m, W, H, r));
        assertArrayEquals(eroded, BinaryMorphology.erode(m, W, H, r));
        assertArrayEquals(naive(eroded, r, true), BinaryMorphology.open(m, W, H, r));
        assertArrayEquals(naive(dilated, r, false), BinaryMorphology.close(m, W, H, r));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void labelsAreFourConnectedComponentsInRasterOrder(long seed) {
        boolean[] m = blobs(seed);
        int[] count = new int[1];
        int[] labels = BinaryMorphology.label(m, W, H, count);
        int[] expected = new int[m.length];
        int n = 0;
        for (int s = 0; s < m.length; s++) {
            if (m[s] && expected[s] == 0) {
                flood(m, expected, s, ++n);
            }
        }
        assertEquals(n, count[0]);
        assertArrayEquals(expected, labels);
    }

    /** Random specks and rectangles: components of many shapes, some touching the border. */
    private static boolean[] blobs(long seed) {
        Random rnd = new Random(seed);
        boolean[] m = new boolean[W * H];
        for (int k = 0; k < 12; k++) {
            int x0 = rnd.nextInt(W), y0 = rnd.nextInt(H), w = 1 + rnd.nextInt(15), h = 1 + rnd.nextInt(12);
            for (int y = y0; y < Math.min(H, y0 + h); y++) {
                for (int x = x0; x < Math.min(W, x0 + w); x++) {
                    m[y * W + x] = true;
                }
            }
        }
        for (int k = 0; k < 60; k++) {
            m[rnd.nextInt(m.length)] ^= true;
        }
        return m;
    }

    /** Any (dilation) or all (erosion; outside the image counts as set) of the square around each pixel. */
    private static boolean[] naive(boolean[] m, int r, boolean any) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean v = !any;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int qx = x + dx, qy = y + dy;
                        boolean inside = qx >= 0 && qx < W && qy >= 0 && qy < H;
                        if (inside) {
                            v = any ? v || m[qy * W + qx] : v && m[qy * W + qx];
                        }
                    }
                }
                out[y * W + x] = v;
            }
        }
        return out;
    }

    private static void flood(boolean[] m, int[] labels, int start, int label) {
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(start);
        labels[start] = label;
        while (!todo.isEmpty()) {
            int p = todo.pop(), x = p % W, y = p / W;
            int[] nb = {x > 0 ? p - 1 : -1, x < W - 1 ? p + 1 : -1, y > 0 ? p - W : -1, y < H - 1 ? p + W : -1};
            for (int q : nb) {
                if (q >= 0 && m[q] && labels[q] == 0) {
                    labels[q] = label;
                    todo.push(q);
                }
            }
        }
    }
}
