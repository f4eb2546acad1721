package io.face3d.clinic;

import java.util.List;

/**
 * The measures the grading scales share, each computed one way for every scale: how much of the healthy side's
 * movement the affected side makes, and how much the affected side moves where it should not (co-movement).
 * NaN means "cannot be measured here" and makes the item not assessed.
 */
final class ItemMeasures {
    /** Healthy-side changes below this (mm) are no movement to compare with. */
    static final double MIN_MOVEMENT_MM = Assessor.MIN_MOVEMENT_MM;
    /** Healthy-side closure fractions below this are no closure to compare with. */
    static final double MIN_CLOSURE = 0.05;
    /** The fold deepens less than the other movements; below this (mm) it did not move. */
    static final double MIN_FOLD_CHANGE_MM = 0.2;

    /** How the complete ratio is set, for the items' rules. */
    static final String COMPLETE_RULE = "1 - " + NaturalAsymmetry.Z_MOVEMENT + " x natural-asymmetry rms / healthy change, >= "
        + NaturalAsymmetry.MIN_COMPLETE_RATIO;

    private ItemMeasures() {
    }

    /**
     * The ratio from which {@code m} is complete on this face ({@link NaturalAsymmetry#completeRatio}); the larger
     * side's change stands for the healthy one's, so that it does not depend on which side was named.
     */
    static double completeRatio(SidePair p, Movement m) {
        String measure = NaturalAsymmetry.measure(m);
        double h = p.healthy(m, measure), a = p.affected(m, measure);
        return NaturalAsymmetry.completeRatio(m, Double.isFinite(a) ? Math.max(h, a) : h);
    }

    /** Affected / healthy change of {@code measure} in {@code m}, in [0, 1]; NaN when the healthy side barely moves. */
    static double ratio(SidePair p, Movement m, String measure) {
        double h = p.healthy(m, measure), a = p.affected(m, measure);
        double min = measure.startsWith("closure") ? MIN_CLOSURE
            : measure.startsWith("nasolabial") ? MIN_FOLD_CHANGE_MM : MIN_MOVEMENT_MM;
        if (!(h >= min) || !Double.isFinite(a)) {
            return Double.NaN;
        }
        if (a < min) {
            return 0; // below what counts as movement on the healthy side, it is no movement on this one either
        }
        if (!p.a().healthySideKnown() && a > 0) {
            // No side was named healthy: the sides are compared both ways, the smaller share counts.
            return Math.min(1, Math.min(a / h, h / a));
        }
        return Math.min(1, Math.max(0, a / h));
    }

    /** Why {@link #ratio} is NaN, for the item's status. */
    static String whyNoRatio(SidePair p, Movement m, String measure) {
        return Double.isFinite(p.healthy(m, measure))
            ? "the healthy side does not move in " + m.label().toLowerCase(java.util.Locale.ROOT)
            : "needs a 3D face (a mesh, a reconstruction or a photo fit), not landmarks alone";
    }

    /**
     * The affected eye's narrowing during {@code m} beyond the healthy eye's (mm, >= 0): ocular synkinesis, the
     * eye closing with a mouth movement.
     */
    static double eyeNarrowingExcess(SidePair p, Movement m) {
        double h = -p.healthy(m, "palpebral_fissure_change_mm"), a = -p.affected(m, "palpebral_fissure_change_mm");
        return Math.max(0, a - Math.max(0, h));
    }

    /** The affected mouth corner's displacement during {@code m} beyond the healthy one's (mm, >= 0). */
    static double cornerExcess(SidePair p, Movement m) {
        return Math.max(0, p.affected(m, "commissure_displacement_mm") - p.healthy(m, "commissure_displacement_mm"));
    }

    /** The affected chin's displacement during {@code m} beyond the healthy side's (mm, >= 0): mentalis. */
    static double chinExcess(SidePair p, Movement m) {
        return Math.max(0, p.affected(m, "chin_displacement_mm") - p.healthy(m, "chin_displacement_mm"));
    }

    /** The postures of {@code wanted} that were given. */
    static List<Movement> given(SidePair p, Movement... wanted) {
        return java.util.Arrays.stream(wanted).filter(p::has).toList();
    }

    static String missing(Movement... postures) {
        return "needs the " + String.join(" or ", java.util.Arrays.stream(postures)
            .map(m -> m.label().toLowerCase(java.util.Locale.ROOT)).toList()) + " posture";
    }
}
