package io.face3d.clinic;

import java.util.Map;

/**
 * One movement compared with rest.
 *
 * @param movement       the posture
 * @param right          the right side's measures in the posture
 * @param left           the left side's measures in the posture
 * @param changeRight    change from rest of each measure on the right side (name to mm, degrees or fraction)
 * @param changeLeft     the same on the left
 * @param primary        the name of the measure that defines this movement's strength (e.g. excursion_change_mm)
 * @param primarySource  what the primary measure was read from: "geometry" (the 3D face) or "pixels" (eye
 *                       closure read from the photos, where landmarks cannot tell)
 * @param weakerSide     the side whose primary change is smaller
 * @param ratio          weaker / stronger primary change, in [0, 1] (1 when neither side moves)
 * @param activations    blendshape pairs relevant to the movement: base name to {right, left} weights
 */
public record MovementScore(Movement movement, SideMeasures right, SideMeasures left, Map<String, Double> changeRight,
                            Map<String, Double> changeLeft, String primary, String primarySource, Side weakerSide, double ratio,
                            Map<String, double[]> activations) {
}
