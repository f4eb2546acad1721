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
