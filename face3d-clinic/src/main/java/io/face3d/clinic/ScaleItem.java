package io.face3d.clinic;

import java.util.List;

/**
 * One item of a grading scale, traceable to what it was computed from.
 *
 * @param key      stable name in report.json (e.g. {@code oral_commissure_with_smile})
 * @param label    the item in a clinician's words
 * @param value    the item's grade on the scale's own terms (eFACE 0-100, Sunnybrook 0-1 / 1-5 / 0-3, ...); NaN
 *                 when not assessed
 * @param measure  the measure it came from, e.g. "smile: excursion_change_mm, affected / healthy"
 * @param measured the measure's value (mm, a ratio or a fraction, as {@code measure} says); NaN when not assessed
 * @param rule     the threshold or formula that turned {@code measured} into {@code value}
 * @param postures the postures the item needs
 * @param status   "assessed", or "not assessed: " and why (a posture or a 3D face missing, no movement to compare)
 */
public record ScaleItem(String key, String label, double value, String measure, double measured, String rule,
                        List<Movement> postures, String status) {
    public ScaleItem {
        postures = List.copyOf(postures);
    }

    public boolean assessed() {
        return "assessed".equals(status);
    }

    static ScaleItem of(String key, String label, double value, String measure, double measured, String rule,
                        List<Movement> postures) {
        return new ScaleItem(key, label, value, measure, measured, rule, postures, "assessed");
    }

    static ScaleItem notAssessed(String key, String label, String measure, String rule, List<Movement> postures,
                                 String why) {
        return new ScaleItem(key, label, Double.NaN, measure, Double.NaN, rule, postures, "not assessed: " + why);
    }
}
