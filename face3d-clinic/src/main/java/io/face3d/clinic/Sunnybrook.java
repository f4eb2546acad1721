package io.face3d.clinic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sunnybrook facial grading system (Ross, Fradet and Nedzelski, Otolaryngol Head Neck Surg 1996; 114: 380-386):
 * resting symmetry (eye 0-1, cheek / nasolabial fold 0-2, mouth 0-1; sum x 5), voluntary movement of five standard
 * expressions (brow lift, gentle eye closure, open-mouth smile, snarl, lip pucker; each 1 = unable to initiate to
 * 5 = complete; sum x 4) and synkinesis in each (0 none to 3 severe); composite = voluntary - resting -
 * synkinesis, 0-100. The thresholds that turn mm into these grades are assumptions written down in
 * docs/decisions/clinic-grading.md; a score that needs an item not assessed is NaN.
 */
public final class Sunnybrook {
    /**
     * Voluntary movement grade boundaries on affected / healthy: below 0.1 grade 1, below 0.35 grade 2, below 0.65
     * grade 3, below the movement's complete ratio ({@link NaturalAsymmetry#completeRatio}, >= 0.75) grade 4.
     */
    static final double[] VOLUNTARY_BOUNDS = {0.1, 0.35, 0.65};
    /** Synkinesis grade boundaries on the excess co-movement (mm): below 0.5 none, below 1.5 mild, below 3 moderate. */
    static final double[] SYNKINESIS_BOUNDS_MM = {0.5, 1.5, 3};
    /** Resting eye: a fissure differing from the healthy one by more than this (mm) is narrow or wide. */
    static final double EYE_REST_MM = EFace.FISSURE_TOLERANCE_MM;
    /** Resting mouth: a corner higher or lower than the healthy one by more than this (mm). */
    static final double MOUTH_REST_MM = EFace.COMMISSURE_TOLERANCE_MM;
    /** Resting fold: more or less pronounced by more than this (mm); absent below a quarter of a healthy fold of 1 mm+. */
    static final double FOLD_REST_MM = EFace.FOLD_TOLERANCE_MM;

    private static final Movement[] EXPRESSIONS = {Movement.BROW, Movement.EYES_CLOSED, Movement.SMILE,
        Movement.SNARL, Movement.PUCKER};

    private Sunnybrook() {
    }

    public static ScaleResult grade(Assessment a) {
        SidePair p = new SidePair(a);
        List<ScaleItem> rest = new ArrayList<>(), vol = new ArrayList<>(), syn = new ArrayList<>();
        SideMeasures h = p.healthyRest(), f = p.affectedRest();
        double eye = f.palpebralFissureMm() - h.palpebralFissureMm();
        rest.add(ScaleItem.of("rest_eye", "Eye at rest (0 normal, 1 narrow or wide)",
            Math.abs(eye) > EYE_REST_MM ? 1 : 0, "rest: palpebral_fissure_mm, affected - healthy (mm)", eye,
            "1 when |difference| > " + mm(EYE_REST_MM) + " mm", List.of(Movement.REST)));
        double fold = f.nasolabialFoldDepthMm() - h.nasolabialFoldDepthMm();
        if (Double.isFinite(fold)) {
            boolean absent = h.nasolabialFoldDepthMm() >= 1 && f.nasolabialFoldDepthMm() < 0.25 * h.nasolabialFoldDepthMm();
            rest.add(ScaleItem.of("rest_cheek", "Cheek (nasolabial fold) at rest (0 normal, 1 less or more "
                    + "pronounced, 2 absent)", absent ? 2 : Math.abs(fold) > FOLD_REST_MM ? 1 : 0,
                "rest: nasolabial_fold_depth_mm, affected - healthy (mm)", fold, "2 when under a quarter of a healthy "
                    + "fold of 1 mm or more; 1 when |difference| > " + mm(FOLD_REST_MM) + " mm", List.of(Movement.REST)));
        } else {
            rest.add(ScaleItem.notAssessed("rest_cheek", "Cheek (nasolabial fold) at rest",
                "rest: nasolabial_fold_depth_mm", "-", List.of(Movement.REST),
                "needs a 3D face (a mesh, a reconstruction or a photo fit), not landmarks alone"));
        }
        double mouth = f.commissureHeightMm() - h.commissureHeightMm();
        rest.add(ScaleItem.of("rest_mouth", "Mouth at rest (0 normal, 1 corner drooped or pulled up)",
            Math.abs(mouth) > MOUTH_REST_MM ? 1 : 0, "rest: commissure_height_mm, affected - healthy (mm)", mouth,
            "1 when |difference| > " + mm(MOUTH_REST_MM) + " mm", List.of(Movement.REST)));
        for (Movement m : EXPRESSIONS) {
            vol.add(voluntary(p, m));
            syn.add(synkinesis(p, m));
        }
        double restSum = sum(rest), volSum = sum(vol), synSum = sum(syn);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("resting_symmetry", 5 * restSum);
        scores.put("voluntary_movement", 4 * volSum);
        scores.put("synkinesis", synSum);
        scores.put("composite", 4 * volSum - 5 * restSum - synSum);
        return new ScaleResult("sunnybrook", "Sunnybrook facial grading system", false,
            concat(rest, vol, syn), scores, null);
    }

    private static String primary(Movement m) {
        return m == Movement.PUCKER ? "commissure_medial_mm" : Assessor.primaryMeasure(m);
    }

    private static ScaleItem voluntary(SidePair p, Movement m) {
        String key = "voluntary_" + m.key(), label = m.label() + ": voluntary movement (1 none to 5 complete)";
        String measure = m.key() + ": " + primary(m) + ", affected / healthy";
        String rule = "1 below " + VOLUNTARY_BOUNDS[0] + ", 2 below " + VOLUNTARY_BOUNDS[1] + ", 3 below "
            + VOLUNTARY_BOUNDS[2] + ", 4 below complete = " + ItemMeasures.COMPLETE_RULE + ", else 5";
        List<Movement> needs = List.of(Movement.REST, m);
        if (!p.has(m)) {
            return ScaleItem.notAssessed(key, label, measure, rule, needs, ItemMeasures.missing(m));
        }
        double r = ItemMeasures.ratio(p, m, primary(m));
        if (!Double.isFinite(r)) {
            return ScaleItem.notAssessed(key, label, measure, rule, needs, ItemMeasures.whyNoRatio(p, m, primary(m)));
        }
        double complete = ItemMeasures.completeRatio(p, m);
        double[] bounds = {VOLUNTARY_BOUNDS[0], VOLUNTARY_BOUNDS[1], VOLUNTARY_BOUNDS[2], complete};
        return ScaleItem.of(key, label, 1 + bin(r, bounds), measure, r,
            rule + String.format(java.util.Locale.ROOT, " (%.2f here)", complete), needs);
    }

    /**
     * Co-movement on the affected side in the regions the expression should leave still: the eye for the mouth
     * movements and the brow lift, the mouth corner for eye closure and the brow lift.
     */
    private static ScaleItem synkinesis(SidePair p, Movement m) {
        String key = "synkinesis_" + m.key(), label = m.label() + ": synkinesis (0 none to 3 severe)";
        boolean eye = m != Movement.EYES_CLOSED, corner = m == Movement.EYES_CLOSED || m == Movement.BROW;
        String measure = m.key() + ": affected side's " + (eye ? "eye narrowing" : "")
            + (eye && corner ? " and " : "") + (corner ? "mouth-corner displacement" : "")
            + " beyond the healthy side's, mm (largest)";
        String rule = "0 below " + SYNKINESIS_BOUNDS_MM[0] + " mm, 1 below " + SYNKINESIS_BOUNDS_MM[1] + ", 2 below "
            + SYNKINESIS_BOUNDS_MM[2] + ", else 3";
        List<Movement> needs = List.of(Movement.REST, m);
        if (!p.has(m)) {
            return ScaleItem.notAssessed(key, label, measure, rule, needs, ItemMeasures.missing(m));
        }
        double x = Math.max(eye ? ItemMeasures.eyeNarrowingExcess(p, m) : 0, corner ? ItemMeasures.cornerExcess(p, m) : 0);
        return ScaleItem.of(key, label, bin(x, SYNKINESIS_BOUNDS_MM), measure, x, rule, needs);
    }

    private static String mm(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** The number of bounds at or below {@code x}. */
    static int bin(double x, double[] bounds) {
        int b = 0;
        while (b < bounds.length && x >= bounds[b]) {
            b++;
        }
        return b;
    }

    /** Sum of the items' values; NaN when one was not assessed. */
    private static double sum(List<ScaleItem> items) {
        return items.stream().mapToDouble(ScaleItem::value).sum();
    }

    @SafeVarargs
    static List<ScaleItem> concat(List<ScaleItem>... parts) {
        List<ScaleItem> out = new ArrayList<>();
        for (List<ScaleItem> l : parts) {
            out.addAll(l);
        }
        return out;
    }
}
