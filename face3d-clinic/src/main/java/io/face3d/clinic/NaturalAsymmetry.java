package io.face3d.clinic;

/**
 * How much the two sides of a face without palsy differ, and so how large a side difference must be before a
 * grade calls it a sign: the measurement uncertainty of a side difference. A mesh is measured without noise, but
 * no face is symmetric; for the model's identities (coefficients ~ N(0, 1)) with no expression, or the same
 * movement on both sides, the root mean square (rms) side differences are the constants below, estimated on 288
 * symmetric synthetic patients ({@code NaturalAsymmetryEstimate} in face3d-synth's tests, development seeds 11-16).
 * <p>
 * A resting difference counts only beyond {@link #Z_REST} of these: two-sided p = 6e-5 per decision for a normal
 * distribution, so over a patient's ~11 decisions (4 at rest, 7 movements) a symmetric face is flagged with
 * probability under 1e-3. The movements' differences have heavier tails (largest / rms 4.1-4.6 over the 288 faces,
 * where a normal distribution gives about 3.4; the resting ones 2.7-3.8), so a movement's allowance is
 * {@link #Z_MOVEMENT} rms. It is on the healthy - affected change in the measure's own unit, so the complete ratio
 * depends on how far the healthy side moved: {@code 1 - Z rms / healthy change}; a small movement is more easily
 * unequal by natural asymmetry alone than a large one. Measurement noise of photo fits adds to these
 * and is not included yet. docs/decisions/clinic-grading.md.
 */
public final class NaturalAsymmetry {
    /** Rms a resting side difference must exceed to count. */
    public static final double Z_REST = 4;
    /** Rms a movement's side difference must exceed to count. */
    public static final double Z_MOVEMENT = 5;
    /** Rms resting side differences (mm): brow height, palpebral fissure, mouth-corner height, fold depth. */
    static final double BROW_MM = 0.48, FISSURE_MM = 0.27, COMMISSURE_MM = 0.81, FOLD_MM = 0.38;
    /** No movement is complete below this fraction of the healthy side's, however large the movement. */
    static final double MIN_COMPLETE_RATIO = 0.75;

    private NaturalAsymmetry() {
    }

    /** The resting side differences below which a static item is normal (mm). */
    static double restTolerance(double rmsMm) {
        return Z_REST * rmsMm;
    }

    /** The measure each movement's grades compare between the sides. */
    static String measure(Movement m) {
        return m == Movement.EEE ? "lower_lip_drop_mm" : Assessor.primaryMeasure(m);
    }

    /**
     * Rms healthy - affected change of {@link #measure} in a symmetric movement (its unit: mm or closure fraction).
     * The lower-lip drop and the upper-lip lift were equal on both sides of every symmetric face (rms 0); they get
     * 0.01 mm, a floor, not an estimate.
     */
    static double movementRms(Movement m) {
        return switch (m) {
            case BROW -> 0.036;
            case EYES_CLOSED -> 0.025;
            case EYES_CLOSED_TIGHT -> 0.022;
            case SMILE -> 0.11;
            case EEE, SNARL -> 0.01;
            case PUCKER -> 0.12;
            case REST -> throw new IllegalArgumentException("rest has no movement");
        };
    }

    /**
     * The affected / healthy ratio from which movement {@code m} is complete, given the healthy side's change
     * {@code healthy}: {@code 1 - Z_MOVEMENT rms / healthy}, not below {@link #MIN_COMPLETE_RATIO}.
     */
    static double completeRatio(Movement m, double healthy) {
        double r = 1 - Z_MOVEMENT * movementRms(m) / Math.abs(healthy);
        return Double.isFinite(r) ? Math.max(MIN_COMPLETE_RATIO, Math.min(1, r)) : MIN_COMPLETE_RATIO;
    }

    /** The resting measures the static items compare, in the order of the rms constants. */
    static double[] restValues(SideMeasures s) {
        return new double[] {s.browHeightMm(), s.palpebralFissureMm(), s.commissureHeightMm(), s.nasolabialFoldDepthMm()};
    }
}
