package io.face3d.clinic;

import java.util.List;
import java.util.Map;

/**
 * One grading scale's items and scores.
 *
 * @param key      "eface", "sunnybrook" or "house_brackmann"
 * @param title    the scale's name as a clinician knows it (an estimate says so)
 * @param estimate true when the scale is estimated from measures it was not defined on (House-Brackmann)
 * @param items    every item, assessed or not
 * @param scores   the scale's scores by name (NaN when an item they need was not assessed)
 * @param grade    a grade in words when the scale has one (House-Brackmann "III"), else null
 */
public record ScaleResult(String key, String title, boolean estimate, List<ScaleItem> items,
                          Map<String, Double> scores, String grade) {
    public ScaleResult {
        items = List.copyOf(items);
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }

    /** The item with this key. */
    public ScaleItem item(String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no item " + key + " in " + this.key));
    }
}
