package io.face3d.fit.landmark;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The independent jaw conventions of the fit benchmark. */
class JawConventionFacesTest {
    private static MorphableModel model;
    private static JawConventionFaces faces;

    @BeforeAll
    static void load() {
        model = TestModel.get();
        faces = new JawConventionFaces(model);
    }

    private static JawConventionFaces.Truth frontalMeanFace() {
        return new JawConventionFaces.Truth(new double[model.identityCount()], new double[model.expressionCount()],
            Pose.sop(Rotation.fromEulerDegrees(0, 0, 0), 1.5, 320, 320));
    }

    /** Fixed vertices are the projections of the model's iBUG vertices, exactly. */
    @Test
    void fixedVerticesAreTheLandmarkVertices() {
        JawConventionFaces.Truth t = frontalMeanFace();
        double[] expected = new double[136];
        t.pose().project(model.evaluate(t.identity(), t.expression(), model.landmarks68()), 68, expected);
        JawConventionFaces.Face f = faces.render(t, JawConventionFaces.Convention.FIXED_VERTICES, null, null, null);
        for (int j = 0; j < 136; j++) {
            assertEquals(expected[j], f.points()[j], 1e-9);
        }
    }

    /**
     * The mean face seen frontally is mirror-symmetric, and so is every convention's jaw (within the outline's
     * sampling: 1 px, 3 px for arc length); the vertex-based conventions stay within 4% IOD of the anatomical vertices, and the arc-length
     * one spaces its points evenly (chords within 15% of the first: equal arcs, unequal chords where the outline bends; it moves point 5 by 11% IOD along the outline).
     */
    @ParameterizedTest
    @EnumSource(JawConventionFaces.Convention.class)
    void frontalJawIsSymmetricAndNearTheAnatomy(JawConventionFaces.Convention convention) {
        JawConventionFaces.Truth t = frontalMeanFace();
        JawConventionFaces.Face f = faces.render(t, convention, null, null, null);
        JawConventionFaces.Face fixed = faces.render(t, JawConventionFaces.Convention.FIXED_VERTICES, null, null, null);
        double[] p = f.points();
        for (int k = 0; k < 17; k++) {
            // arc length: its ends snap to the outline's ray samples, which shifts the even spacing by up to 3 px
            double tol = convention == JawConventionFaces.Convention.ARC_LENGTH ? 3 : 1;
            assertEquals(640 - p[2 * k], p[2 * (16 - k)], tol, "mirror x of point " + k);
            assertEquals(p[2 * k + 1], p[2 * (16 - k) + 1], tol, "mirror y of point " + k);
            double d = Math.hypot(p[2 * k] - fixed.points()[2 * k], p[2 * k + 1] - fixed.points()[2 * k + 1]);
            if (convention == JawConventionFaces.Convention.ARC_LENGTH) {
                if (k > 0) {
                    double chord = Math.hypot(p[2 * k] - p[2 * k - 2], p[2 * k + 1] - p[2 * k - 1]);
                    double first = Math.hypot(p[2] - p[0], p[3] - p[1]);
                    assertEquals(first, chord, 0.15 * first, "chord " + k);
                }
            } else {
                assertTrue(d < 0.04 * f.iodPx(), convention + " point " + k + " is " + d + " px from its vertex");
            }
        }
    }

    /** Offsets are constant per point, at most the given fraction of the IOD, and noise-free points stay clean. */
    /**
     * Turned and tilted heads (|yaw| 50-60, pitch down 15-25 degrees, where the far side's jaw vertices project next
     * to the centre of the face) still get a jaw spread along the outline: no three consecutive points closer than
     * 1% IOD to each other, and a chain longer than one IOD.
     */
    @ParameterizedTest
    @EnumSource(value = JawConventionFaces.Convention.class, names = "FIXED_VERTICES", mode = EnumSource.Mode.EXCLUDE)
    void extremePosesKeepTheJawSpreadAlongTheOutline(JawConventionFaces.Convention convention) {
        Random rnd = new Random(17);
        for (int i = 0; i < 12; i++) {
            double yaw = (50 + 10 * rnd.nextDouble()) * (i % 2 == 0 ? 1 : -1);
            double pitch = -15 - 10 * rnd.nextDouble(), roll = 30 * rnd.nextDouble() - 15;
            JawConventionFaces.Truth t = new JawConventionFaces.Truth(faces.drawTruth(rnd).identity(),
                new double[model.expressionCount()], Pose.sop(Rotation.fromEulerDegrees(yaw, pitch, roll), 1.5, 320, 320));
            JawConventionFaces.Face f = faces.render(t, convention, null, null, null);
            double[] c = f.clean();
            double length = 0;
            int close = 0;
            for (int k = 0; k < 16; k++) {
                double d = Math.hypot(c[2 * k + 2] - c[2 * k], c[2 * k + 3] - c[2 * k + 1]);
                length += d;
                close += d < 0.01 * f.iodPx() ? 1 : 0;
            }
            assertTrue(close < 3, convention + " yaw " + yaw + " pitch " + pitch + ": " + close + " repeated points");
            assertTrue(length > f.iodPx(), convention + " yaw " + yaw + " pitch " + pitch + ": jaw chain "
                + length / f.iodPx() + " IOD");
        }
    }

    @Test
    void offsetsAreBoundedAndKeptOutOfTheTruth() {
        double[] o = JawConventionFaces.drawOffsets(new Random(3), 0.05);
        for (int i = 0; i < 68; i++) {
            assertTrue(Math.hypot(o[2 * i], o[2 * i + 1]) <= 0.05 + 1e-12);
        }
        JawConventionFaces.Truth t = faces.drawTruth(new Random(4));
        JawConventionFaces.Face a = faces.render(t, JawConventionFaces.Convention.ARC_LENGTH, o, null, null);
        JawConventionFaces.Face b = faces.render(t, JawConventionFaces.Convention.ARC_LENGTH, null, null, null);
        for (int j = 0; j < 136; j++) {
            assertEquals(b.clean()[j], a.clean()[j], 1e-9);
            assertEquals(b.points()[j] + o[j] * a.iodPx(), a.points()[j], 1e-9);
        }
    }
}
