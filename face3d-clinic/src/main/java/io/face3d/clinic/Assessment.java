package io.face3d.clinic;

import java.util.List;
import java.util.Map;

/**
 * The result of an assessment.
 *
 * @param rightAtRest    right side's measures at rest
 * @param leftAtRest     left side's measures at rest
 * @param movements      each movement given, compared with rest
 * @param healthySide    the side taken as healthy (the scales' reference); when {@code healthyChosen} is
 *                       "undecided" nothing told the sides apart and this is only the side the scales were read from
 * @param healthyChosen  "given" (by the user), "auto" (the stronger side in the movements) or "undecided" (no
 *                       movement, or the movements were alike on both sides)
 * @param staticScore    eFACE static score, 0-100 (100 = normal)
 * @param dynamicScore   eFACE dynamic score, 0-100, or NaN when no dynamic item was assessed
 * @param synkinesisScore eFACE synkinesis score, 0-100 (100 = none), or NaN when not assessed
 * @param items          every assessed eFACE item (key to 0-100)
 * @param scales         eFACE, Sunnybrook and the House-Brackmann estimate, item by item
 */
public record Assessment(SideMeasures rightAtRest, SideMeasures leftAtRest, Map<Movement, MovementScore> movements,
                         Side healthySide, String healthyChosen, double staticScore, double dynamicScore,
                         double synkinesisScore, Map<String, Double> items, List<ScaleResult> scales) {

    /** The scale with this key ("eface", "sunnybrook", "house_brackmann"). */
    public ScaleResult scale(String key) {
        return scales.stream().filter(s -> s.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no scale " + key));
    }

    /** True when a side was named healthy by the user or by the movements. */
    public boolean healthySideKnown() {
        return !"undecided".equals(healthyChosen);
    }
}
