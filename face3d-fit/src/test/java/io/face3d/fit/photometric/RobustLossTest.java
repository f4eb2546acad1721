package io.face3d.fit.photometric;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustLossTest {
    @Test
    void weightIsTheDerivativeOverTheResidual() {
        double s = 0.05, h = 1e-7;
        for (RobustLoss loss : RobustLoss.values()) {
            for (double r : new double[] {0.02, 0.05, 0.2, 0.8}) {
                double derivative = (loss.rho(r + h, s) - loss.rho(r - h, s)) / (2 * h);
                assertEquals(derivative / r, loss.weight(r, s), 1e-4 * loss.weight(r, s), loss + " at " + r);
            }
        }
    }

    @Test
    void redescendingPenaltiesStartAtTheL21WeightOfTheScale() {
        double s = 0.05;
        assertEquals(1 / s, RobustLoss.CAUCHY.weight(0, s), 1e-9);
        assertEquals(1 / s, RobustLoss.GEMAN_MCCLURE.weight(0, s), 1e-9);
        assertTrue(RobustLoss.GEMAN_MCCLURE.rho(100, s) < s / 2, "Geman-McClure is bounded by s / 2");
    }

    @Test
    void scaleIsTheMedianNotBelowTheFloor() {
        assertEquals(0.3, RobustLoss.scale(new double[] {0.5, 0.1, 0.3, 9}, 3), 1e-12);
        assertEquals(RobustLoss.FLOOR, RobustLoss.scale(new double[] {0, 0, 0}, 3), 1e-12);
    }
}
