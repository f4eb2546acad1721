package io.face3d.core.geom;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Box2Test {
    @Test
    void boundsOfPairsTriplesAndARangeAgree() {
        Random rnd = new Random(5);
        double[] xy = new double[2 * 50], xyz = new double[3 * 50];
        float[] positions = new float[3 * 50];
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            float x = (float) (200 * rnd.nextDouble() - 100), y = (float) (50 * rnd.nextDouble());
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
            xyz[3 * i] = x;
            xyz[3 * i + 1] = y;
            xyz[3 * i + 2] = 1e6; // z is ignored
            positions[3 * i] = x;
            positions[3 * i + 1] = y;
            if (i >= 10 && i < 20) {
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        Box2 all = Box2.of(xy, 2);
        assertEquals(all, Box2.of(xyz, 3));
        assertEquals(all, Box2.ofPositions(positions));
        assertEquals(new Box2(x0, y0, x1, y1), Box2.of(xy, 2, 10, 20));
        assertEquals(all.maxX() - all.minX(), all.width(), 0);
        assertEquals((all.minY() + all.maxY()) / 2, all.centreY(), 0);
    }

    @Test
    void unionHoldsBothBoxes() {
        Box2 a = new Box2(0, 1, 2, 3), b = new Box2(-1, 2, 1, 5);
        assertEquals(new Box2(-1, 1, 2, 5), a.union(b));
        assertEquals(a, a.union(Box2.of(new double[0], 2)));
    }

    @Test
    void emptyRangeIsInverted() {
        Box2 b = Box2.of(new double[] {1, 2}, 2, 0, 0);
        assertTrue(b.width() < 0 && b.height() < 0);
    }
}
