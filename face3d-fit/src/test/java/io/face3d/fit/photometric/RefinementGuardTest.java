package io.face3d.fit.photometric;

import io.face3d.core.geom.Pose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefinementGuardTest {
    private static LossTerms loss(double photometric) {
        return new LossTerms(0, 0, photometric, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static PhotometricResult result(double start, double end, double identityValue) {
        double[] id = new double[100];
        java.util.Arrays.fill(id, identityValue);
        return new PhotometricResult(Pose.sop(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, 0, 0), id, new double[57],
            new double[27], new float[3], new double[3], new double[136], List.of(loss(end)),
            start < 0 ? null : loss(start), 1);
    }

    private final RefinementGuard guard = new RefinementGuard(RefinementGuard.Config.defaults());

    @Test
    void keepsARefinementThatLowersTheLossAndKeepsTheLandmarks() {
        RefinementGuard.Decision d = guard.decide(result(0.10, 0.08, 0.5), 3.0, 3.1);
        assertTrue(d.keptRefinement());
        assertEquals("improved", d.reason());
        assertEquals(0.2, d.lossDrop(), 1e-12);
        assertEquals(25.0, d.identityNorm2(), 1e-9);
    }

    @Test
    void rejectsLandmarksThatMoveAway() {
        RefinementGuard.Decision d = guard.decide(result(0.10, 0.05, 0), 3.0, 3.16);
        assertFalse(d.keptRefinement());
        assertEquals(3.16 / 3.0, d.landmarkRatio(), 1e-12);
    }

    @Test
    void rejectsASmallLossDrop() {
        assertFalse(guard.decide(result(0.10, 0.086, 0), 3.0, 3.0).keptRefinement());
    }

    @Test
    void rejectsAnIdentityOutsideThePrior() {
        assertFalse(guard.decide(result(0.10, 0.05, 1.3), 3.0, 3.0).keptRefinement());
    }

    @Test
    void withoutAMeasuredStartOnlyTheOtherTestsApply() {
        RefinementGuard.Decision d = guard.decide(result(-1, 0.05, 0), 3.0, 3.0);
        assertTrue(d.keptRefinement());
        assertTrue(Double.isNaN(d.lossDrop()));
    }

    @Test
    void offKeepsEverythingAndBadThresholdsAreRefused() {
        assertTrue(new RefinementGuard(RefinementGuard.Config.off()).decide(result(0.1, 0.2, 3), 1, 100).keptRefinement());
        assertThrows(IllegalArgumentException.class, () -> new RefinementGuard.Config(0.9, 0.05, 10));
        assertThrows(IllegalArgumentException.class, () -> new RefinementGuard.Config(1.1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new RefinementGuard.Config(1.1, 0, 0));
    }
}
