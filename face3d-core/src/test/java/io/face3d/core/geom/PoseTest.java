package io.face3d.core.geom;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseTest {
    private static final double[] I = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void sopFollowsTheConventionsFormula() {
        Random rnd = new Random(3);
        double[] r = Rotation.fromEulerDegrees(12, -7, 4);
        Pose pose = Pose.sop(r, 2.5, 320, 240);
        float[] p = new float[30];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (rnd.nextGaussian() * 50);
        }
        double[] uv = new double[20];
        pose.project(p, 10, uv);
        for (int i = 0; i < 10; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            double rx = r[0] * x + r[1] * y + r[2] * z, ry = r[3] * x + r[4] * y + r[5] * z;
            assertEquals(2.5 * rx + 320, uv[2 * i], 1e-9);
            assertEquals(240 - 2.5 * ry, uv[2 * i + 1], 1e-9);
        }
    }

    @Test
    void sopMapsModelUpToImageUpAndSubjectsLeftToImageRight() {
        double[] uv = new double[4];
        Pose.sop(I, 1, 100, 100).project(new float[] {0, 10, 0, 10, 0, 0}, 2, uv);
        assertArrayEquals(new double[] {100, 90, 110, 100}, uv, 1e-12);
    }

    @Test
    void perspectiveFollowsTheConventionsFormula() {
        Pose pose = Pose.perspective(I, 0, 0, -500, 1000, 320, 240);
        double[] uv = new double[2];
        pose.project(new float[] {10, 20, 0}, 1, uv);
        assertArrayEquals(new double[] {320 + 1000 * 10 / 500.0, 240 - 1000 * 20 / 500.0}, uv, 1e-9);
        assertEquals(2.0, pose.scale(), 1e-12, "scale = f / -tz");
        // a point nearer the camera (z toward the viewer) is magnified
        pose.project(new float[] {10, 20, 100}, 1, uv);
        assertEquals(320 + 1000 * 10 / 400.0, uv[0], 1e-9);
    }

    @Test
    void perspectiveWithRotationAndTranslation() {
        double[] r = Rotation.fromEulerDegrees(-20, 10, 5);
        Pose pose = Pose.perspective(r, 15, -8, -700, 900, 300, 200);
        float[] p = {12, -30, 80};
        double[] uv = new double[2];
        pose.project(p, 1, uv);
        double x = r[0] * 12 + r[1] * -30 + r[2] * 80 + 15;
        double y = r[3] * 12 + r[4] * -30 + r[5] * 80 - 8;
        double z = r[6] * 12 + r[7] * -30 + r[8] * 80 - 700;
        assertTrue(z < 0);
        assertEquals(300 + 900 * x / -z, uv[0], 1e-9);
        assertEquals(200 - 900 * y / -z, uv[1], 1e-9);
    }

    @Test
    void distantPerspectiveApproachesSop() {
        double[] r = Rotation.fromEulerDegrees(30, 10, -5);
        double tz = -1e7, f = 2e4;
        Pose persp = Pose.perspective(r, 0, 0, tz, f, 50, 60);
        Pose sop = Pose.sop(r, f / -tz, 50, 60);
        float[] p = {40, -30, 90, -35, 20, 100};
        double[] a = new double[4], b = new double[4];
        persp.project(p, 2, a);
        sop.project(p, 2, b);
        assertArrayEquals(b, a, 1e-4);
    }

    @Test
    void eulerDegreesOfAPoseAreItsAngles() {
        Pose pose = Pose.sop(Rotation.fromEulerDegrees(11, -22, 33), 1, 0, 0);
        assertArrayEquals(new double[] {11, -22, 33}, pose.eulerDegrees(), 1e-9);
    }
}
