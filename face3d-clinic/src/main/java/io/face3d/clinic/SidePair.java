package io.face3d.clinic;

import java.util.Map;

/**
 * The healthy and the affected side's view of an assessment, so that a scale reads "healthy" and "affected"
 * instead of right and left.
 */
record SidePair(Assessment a) {
    SideMeasures healthyRest() {
        return a.healthySide() == Side.RIGHT ? a.rightAtRest() : a.leftAtRest();
    }

    SideMeasures affectedRest() {
        return a.healthySide() == Side.RIGHT ? a.leftAtRest() : a.rightAtRest();
    }

    MovementScore movement(Movement m) {
        return a.movements().get(m);
    }

    boolean has(Movement m) {
        return a.movements().containsKey(m);
    }

    /** The healthy side's change from rest of measure {@code name} in {@code m} (NaN when not measured). */
    double healthy(Movement m, String name) {
        MovementScore s = a.movements().get(m);
        return value(a.healthySide() == Side.RIGHT ? s.changeRight() : s.changeLeft(), name);
    }

    double affected(Movement m, String name) {
        MovementScore s = a.movements().get(m);
        return value(a.healthySide() == Side.RIGHT ? s.changeLeft() : s.changeRight(), name);
    }

    SideMeasures healthyIn(Movement m) {
        MovementScore s = a.movements().get(m);
        return a.healthySide() == Side.RIGHT ? s.right() : s.left();
    }

    SideMeasures affectedIn(Movement m) {
        MovementScore s = a.movements().get(m);
        return a.healthySide() == Side.RIGHT ? s.left() : s.right();
    }

    private static double value(Map<String, Double> m, String name) {
        Double v = m.get(name);
        return v == null ? Double.NaN : v;
    }
}
