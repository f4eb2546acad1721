package io.face3d.clinic;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measures' report.json keys in the words a clinician uses, with their units: the label table of the report
 * page and PDF. report.json and report.csv keep the keys; only what people read is translated here.
 */
public final class MeasureWords {
    /** A measure in words and the unit it is shown in ("%" shows a fraction as a percentage). */
    public record Words(String words, String unit) {
    }

    private static final Map<String, Words> TABLE = new LinkedHashMap<>();

    static {
        put("brow_height_change_mm", "brow lift", "mm");
        put("palpebral_fissure_change_mm", "change of the eye opening", "mm");
        put("closure_fraction_geometry", "eyelid closure seen on the 3D lid points", "%");
        put("closure_fraction", "eyelid closure", "%");
        put("excursion_change_mm", "mouth-corner excursion", "mm");
        put("commissure_medial_mm", "mouth-corner movement toward the midline", "mm");
        put("commissure_displacement_mm", "mouth-corner displacement", "mm");
        put("smile_angle_change_deg", "change of the mouth-corner angle", "deg");
        put("commissure_height_change_mm", "mouth-corner lift", "mm");
        put("interlabial_gap_change_mm", "change of the lip opening", "mm");
        put("upper_lip_lift_mm", "upper-lip lift", "mm");
        put("lower_lip_drop_mm", "lower-lip lowering", "mm");
        put("chin_displacement_mm", "chin movement", "mm");
        put("nasolabial_fold_depth_change_mm", "change of the nasolabial fold depth", "mm");
        put("brow_height_mm", "brow height above the eye", "mm");
        put("palpebral_fissure_mm", "eye opening (palpebral fissure)", "mm");
        put("commissure_excursion_mm", "mouth-corner distance from the lip midline", "mm");
        put("smile_angle_deg", "mouth-corner angle", "deg");
        put("commissure_height_mm", "mouth-corner height", "mm");
        put("interlabial_gap_mm", "lip opening", "mm");
        put("upper_lip_height_mm", "upper-lip height", "mm");
        put("nasolabial_fold_depth_mm", "nasolabial fold depth", "mm");
        put("resting_symmetry", "resting symmetry score", "");
    }

    /** Keys longest first, so that no key is replaced inside a longer one. */
    private static final Pattern KEYS = Pattern.compile("\\b(" + String.join("|", TABLE.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList()) + ")\\b");
    private static final Pattern POSTURE = Pattern.compile("\\b(" + String.join("|", java.util.Arrays.stream(
        Movement.values()).map(Movement::key).sorted(Comparator.comparingInt(String::length).reversed()).toList())
        + "):");

    private MeasureWords() {
    }

    private static void put(String key, String words, String unit) {
        TABLE.put(key, new Words(words, unit));
    }

    /** The measure's words; an unknown key is shown with spaces for underscores. */
    public static Words of(String key) {
        Words w = TABLE.get(key);
        return w != null ? w : new Words(key.replace('_', ' '), "");
    }

    /** Every key known to the table, in its order. */
    public static List<String> keys() {
        return List.copyOf(TABLE.keySet());
    }

    /** A value with its unit, e.g. "4.2 mm", "87%" (a fraction), "-" when not measured. */
    public static String value(String key, double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        String unit = of(key).unit();
        return switch (unit) {
            case "%" -> String.format(Locale.ROOT, "%.0f%%", 100 * v);
            case "" -> String.format(Locale.ROOT, "%.2f", v);
            case "deg" -> String.format(Locale.ROOT, "%.1f\u00b0", v);
            default -> String.format(Locale.ROOT, "%.1f %s", v, unit);
        };
    }

    /**
     * A scale item's measure description in words: each key replaced by its words and each posture prefix
     * ("smile:") by the posture's name, e.g. "Open-mouth smile: mouth-corner excursion ..., affected / healthy".
     */
    public static String inWords(String description) {
        Matcher m = POSTURE.matcher(description);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(Movement.ofKey(m.group(1)).orElseThrow().label() + ":"));
        }
        m.appendTail(b);
        Matcher k = KEYS.matcher(b.toString());
        StringBuilder out = new StringBuilder();
        while (k.find()) {
            k.appendReplacement(out, Matcher.quoteReplacement(of(k.group(1)).words()));
        }
        k.appendTail(out);
        return out.toString().replace('_', ' ');
    }
}
