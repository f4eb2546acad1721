package io.face3d.clinic;

import java.util.Map;

/**
 * The result of an assessment.
 *
 * @param rightAtRest    right side's measures at rest
 * @param leftAtRest     left side's measures at rest
 * @param movements      each movement given, compared with rest
 * @param healthySide    the side taken as healthy (chosen or given)
 * @param healthyChosen  "auto" or "given"
 * @param staticScore    Auto-eFACE-style static subscore, 0-100 (100 = symmetric)
 * @param dynamicScore   dynamic subscore, 0-100, or NaN when no movement was given
 * @param synkinesisScore synkinesis subscore, 0-100 (100 = none), or NaN when not measurable
 * @param items          every scored item (name to 0-100)
 */
public record Assessment(SideMeasures rightAtRest, SideMeasures leftAtRest, Map<Movement, MovementScore> movements,
                         Side healthySide, String healthyChosen, double staticScore, double dynamicScore,
                         double synkinesisScore, Map<String, Double> items) {
}
