package io.face3d.core.geom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotationTest {
    private static final double EPS = 1e-9;

    private static double[] apply(double[] r, double x, double y, double z) {
        return new double[] {r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z};
    }

    @Test
    void eulerRoundTripForRandomAngles() {
        Random rnd = new Random(42);
        for (int i = 0; i < 1000; i++) {
            double yaw = -89.9 + 179.8 * rnd.nextDouble();
            double pitch = -179.9 + 359.8 * rnd.nextDouble();
            double roll = -179.9 + 359.8 * rnd.nextDouble();
            double[] r = Rotation.fromEulerDegrees(yaw, pitch, roll);
            double[] e = Rotation.toEulerDegrees(r);
            assertEquals(yaw, e[0], 1e-7, "yaw");
            assertEquals(pitch, e[1], 1e-7, "pitch");
            assertEquals(roll, e[2], 1e-7, "roll");
            assertArrayEquals(r, Rotation.fromEulerDegrees(e[0], e[1], e[2]), EPS);
        }
    }

    @Test
    void randomRotationsAreOrthonormalWithDeterminantOne() {
        Random rnd = new Random(7);
        for (int i = 0; i < 100; i++) {
            double[] r = Rotation.fromEulerDegrees(360 * rnd.nextDouble(), 360 * rnd.nextDouble(), 360 * rnd.nextDouble());
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Rotation.multiply(Rotation.transpose(r), r), EPS);
            double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
            assertEquals(1, det, EPS);
        }
    }

    @ParameterizedTest
    @CsvSource({"90, 30, 0", "-90, -40, 0", "90, 0, 25", "-90, 10, -60"})
    void gimbalLockKeepsTheRotation(double yaw, double pitch, double roll) {
        double[] r = Rotation.fromEulerDegrees(yaw, pitch, roll);
        double[] e = Rotation.toEulerDegrees(r);
        assertEquals(yaw, e[0], 1e-6);
        assertEquals(0, e[2], 0, "roll is set to 0 at gimbal lock");
        assertArrayEquals(r, Rotation.fromEulerDegrees(e[0], e[1], e[2]), 1e-6);
    }

    /** CONVENTIONS.md: effects on a frontal face whose nose points along +z and whose head top is along +y. */
    @Test
    void positiveYawTurnsTheNoseTowardPlusX() {
        double[] nose = apply(Rotation.fromEulerDegrees(20, 0, 0), 0, 0, 100);
        assertTrue(nose[0] > 30, "nose x " + nose[0]);
        assertEquals(0, nose[1], EPS);
    }

    @Test
    void positivePitchMovesTheNoseDown() {
        double[] nose = apply(Rotation.fromEulerDegrees(0, 20, 0), 0, 0, 100);
        assertTrue(nose[1] < -30, "nose y " + nose[1]);
        assertEquals(0, nose[0], EPS);
    }

    @Test
    void positiveRollTurnsTheFaceCounterClockwiseInTheImage() {
        double[] top = apply(Rotation.fromEulerDegrees(0, 0, 20), 0, 100, 0);
        assertTrue(top[0] < -30, "the top of the head moves to image left: x " + top[0]);
        // and in pixels (SOP, v down) the top stays above the centre and moves left: counter-clockwise
        double[] uv = new double[2];
        Pose.sop(Rotation.fromEulerDegrees(0, 0, 20), 1, 0, 0).project(new float[] {0, 100, 0}, 1, uv);
        assertTrue(uv[0] < 0 && uv[1] < 0, "u " + uv[0] + " v " + uv[1]);
    }

    @Test
    void singleAxisAnglesEqualAxisAngleRotations() {
        double a = Math.toRadians(33);
        assertArrayEquals(Rotation.axisAngle(0, 1, 0, a), Rotation.fromEulerDegrees(33, 0, 0), EPS);
        assertArrayEquals(Rotation.axisAngle(1, 0, 0, a), Rotation.fromEulerDegrees(0, 33, 0), EPS);
        assertArrayEquals(Rotation.axisAngle(0, 0, 1, a), Rotation.fromEulerDegrees(0, 0, 33), EPS);
        assertEquals(33, Rotation.angleBetweenDegrees(Rotation.fromEulerDegrees(10, 0, 0),
            Rotation.fromEulerDegrees(43, 0, 0)), 1e-9);
    }

    @Test
    void eulerOrderIsRollYawPitch() {
        double[] expected = Rotation.multiply(Rotation.fromEulerDegrees(0, 0, 15),
            Rotation.multiply(Rotation.fromEulerDegrees(25, 0, 0), Rotation.fromEulerDegrees(0, 35, 0)));
        assertArrayEquals(expected, Rotation.fromEulerDegrees(25, 35, 15), EPS);
    }
}
