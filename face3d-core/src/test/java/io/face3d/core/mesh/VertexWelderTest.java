package io.face3d.core.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class VertexWelderTest {
    @Test
    void weldsBitIdenticalVerticesAndKeepsNeighboursApartWhileGrowing() {
        // an integer grid (all-zero low mantissa bits) far beyond the expected size, added twice in random order
        int n = 60;
        VertexWelder w = new VertexWelder(16);
        int[] first = new int[n * n * n];
        Random rnd = new Random(5);
        for (int i = 0; i < first.length; i++) {
            first[i] = w.add(i % n, (i / n) % n, i / (n * n));
        }
        assertEquals(first.length, w.count());
        for (int k = 0; k < 20000; k++) {
            int i = rnd.nextInt(first.length);
            assertEquals(first[i], w.add(i % n, (i / n) % n, i / (n * n)));
        }
        assertEquals(first.length, w.count());
        float[] p = w.finish();
        assertArrayEquals(new float[] {7, 3, 2}, new float[] {p[3 * first[7 + 3 * n + 2 * n * n]],
            p[3 * first[7 + 3 * n + 2 * n * n] + 1], p[3 * first[7 + 3 * n + 2 * n * n] + 2]});
    }

    @Test
    void foldsNegativeZeroButNotTheNextFloat() {
        VertexWelder w = new VertexWelder(4);
        int a = w.add(0f, 1f, 2f);
        assertEquals(a, w.add(-0f, 1f, 2f));
        assertNotEquals(a, w.add(Math.nextUp(0f), 1f, 2f));
        assertNotEquals(a, w.add(0f, Math.nextUp(1f), 2f));
        assertEquals(3, w.count());
    }
}
