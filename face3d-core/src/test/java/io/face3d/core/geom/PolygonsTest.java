package io.face3d.core.geom;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolygonsTest {
    @Test
    void squareAgreesWithItsBoundsAtRandomPoints() {
        double[] square = {0, 0, 2, 0, 2, 2, 0, 2};
        Random rnd = new Random(3);
        for (int k = 0; k < 1000; k++) {
            double x = 4 * rnd.nextDouble() - 1, y = 4 * rnd.nextDouble() - 1;
            assertEquals(x > 0 && x < 2 && y > 0 && y < 2, Polygons.contains(square, x, y), x + ", " + y);
        }
    }

    @Test
    void concavePolygonExcludesItsNotch() {
        // a U: the notch between the arms is outside
        double[] u = {0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3};
        assertTrue(Polygons.contains(u, 0.5, 2.5));
        assertTrue(Polygons.contains(u, 2.5, 2.5));
        assertTrue(Polygons.contains(u, 1.5, 0.5));
        assertFalse(Polygons.contains(u, 1.5, 2));
        assertFalse(Polygons.contains(u, 4, 0.5));
    }

    @Test
    void degeneratePolygonsContainNothing() {
        assertFalse(Polygons.contains(new double[0], 0, 0));
        assertFalse(Polygons.contains(new double[] {0, 0, 1, 1, 2, 2}, 1, 1));
    }
}
