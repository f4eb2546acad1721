package io.face3d.clinic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * eFACE (Banks et al., "Clinician-graded electronic facial paralysis assessment: the eFACE", Plast Reconstr Surg
 * 2015; 136: 223e-230e): 15 items, each 0-100 with 100 normal, grouped into static (at rest), dynamic and
 * synkinesis items; the static, dynamic and synkinesis scores are the means of their items and the total the mean
 * of all items. eFACE's static sliders run 0-200 with 100 balanced; an imbalance either way lowers the score, which
 * is what these static items give (the signed difference is kept as the item's measure). Differences within a
 * face's natural asymmetry score 100, and a movement is complete when it falls short of the healthy side's by no
 * more than natural asymmetry does ({@link NaturalAsymmetry}). Items are computed from
 * measures on the 3D face; the mapping and its assumptions are in docs/decisions/clinic-grading.md.
 */
public final class EFace {
    private EFace() {
    }

    public static ScaleResult grade(Assessment a) {
        SidePair p = new SidePair(a);
        List<ScaleItem> stat = new ArrayList<>(), dyn = new ArrayList<>(), syn = new ArrayList<>();
        SideMeasures h = p.healthyRest(), f = p.affectedRest();
        stat.add(staticItem("brow_at_rest", "Brow height at rest", "brow_height_mm", f.browHeightMm(),
            h.browHeightMm(), BROW_TOLERANCE_MM, h.browHeightMm(), "the healthy brow height"));
        stat.add(staticItem("palpebral_fissure_at_rest", "Eye opening (palpebral fissure) at rest",
            "palpebral_fissure_mm", f.palpebralFissureMm(), h.palpebralFissureMm(), FISSURE_TOLERANCE_MM,
            h.palpebralFissureMm(), "the healthy fissure"));
        stat.add(staticItem("oral_commissure_at_rest", "Mouth-corner height at rest", "commissure_height_mm",
            f.commissureHeightMm(), h.commissureHeightMm(), COMMISSURE_TOLERANCE_MM, h.commissureExcursionMm(),
            "the healthy corner's distance to the lip midline"));
        stat.add(staticItem("nasolabial_fold_at_rest", "Nasolabial fold depth at rest", "nasolabial_fold_depth_mm",
            f.nasolabialFoldDepthMm(), h.nasolabialFoldDepthMm(), FOLD_TOLERANCE_MM, FOLD_REFERENCE_MM,
            FOLD_REFERENCE_MM + " mm"));
        dyn.add(dynamic(p, "brow_elevation", "Brow elevation", Movement.BROW, "brow_height_change_mm"));
        dyn.add(dynamic(p, "gentle_eye_closure", "Gentle eye closure", Movement.EYES_CLOSED, "closure_fraction"));
        dyn.add(dynamic(p, "full_eye_closure", "Full eye closure", Movement.EYES_CLOSED_TIGHT, "closure_fraction"));
        dyn.add(dynamic(p, "oral_commissure_with_smile", "Mouth-corner movement with smile", Movement.SMILE,
            "excursion_change_mm"));
        // Measured and left ungraded: on the model's faces the fold's change with a smile is not monotone in the
        // smile (it flattens, then deepens, and the healthy side's pull moves the other side's profile);
        // docs/decisions/clinic-grading.md. The change itself is still in each smile's measures.
        dyn.add(ScaleItem.notAssessed("nasolabial_fold_depth_with_smile", "Nasolabial fold deepening with smile",
            "smile: nasolabial_fold_depth_change_mm", "-", List.of(Movement.REST, Movement.SMILE),
            "the fold's change with a smile did not follow the smile's strength on synthetic faces, so it is not graded"));
        dyn.add(ScaleItem.notAssessed("nasolabial_fold_orientation_with_smile", "Nasolabial fold orientation with smile",
            "-", "-", List.of(Movement.SMILE), "no measure of the fold's direction is implemented"));
        dyn.add(dynamic(p, "lower_lip_eee", "Lower-lip movement saying \"eee\"", Movement.EEE, "lower_lip_drop_mm"));
        syn.add(synkinesis(p, "ocular_synkinesis", "Ocular synkinesis (eye narrows with mouth movements)",
            "affected eye's narrowing beyond the healthy eye's, mm", ItemMeasures::eyeNarrowingExcess,
            Movement.SMILE, Movement.PUCKER));
        syn.add(synkinesis(p, "midfacial_synkinesis", "Midfacial synkinesis (mouth corner moves with eye movements)",
            "affected mouth corner's displacement beyond the healthy corner's, mm", ItemMeasures::cornerExcess,
            Movement.EYES_CLOSED, Movement.EYES_CLOSED_TIGHT, Movement.BROW));
        syn.add(synkinesis(p, "mentalis_synkinesis", "Mentalis synkinesis (chin moves with eye and mouth movements)",
            "affected chin's displacement beyond the healthy side's, mm", ItemMeasures::chinExcess,
            Movement.EYES_CLOSED, Movement.EYES_CLOSED_TIGHT, Movement.BROW));
        syn.add(ScaleItem.notAssessed("platysmal_synkinesis", "Platysmal synkinesis", "-", "-", List.of(Movement.SMILE),
            "the neck is outside the measured face"));
        List<ScaleItem> all = new ArrayList<>(stat);
        all.addAll(dyn);
        all.addAll(syn);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("static", mean(stat));
        scores.put("dynamic", mean(dyn));
        scores.put("synkinesis", mean(syn));
        scores.put("total", mean(all));
        return new ScaleResult("eface", "eFACE", false, all, scores, null);
    }

    /** A fold-depth difference of this many mm beyond the tolerance scores 0 (docs/decisions/clinic-grading.md). */
    static final double FOLD_REFERENCE_MM = 3;
    /**
     * Resting differences up to these (mm) are within a face's natural asymmetry ({@link NaturalAsymmetry}), not
     * palsy, and score 100.
     */
    static final double BROW_TOLERANCE_MM = NaturalAsymmetry.restTolerance(NaturalAsymmetry.BROW_MM),
        FISSURE_TOLERANCE_MM = NaturalAsymmetry.restTolerance(NaturalAsymmetry.FISSURE_MM),
        COMMISSURE_TOLERANCE_MM = NaturalAsymmetry.restTolerance(NaturalAsymmetry.COMMISSURE_MM),
        FOLD_TOLERANCE_MM = NaturalAsymmetry.restTolerance(NaturalAsymmetry.FOLD_MM);
    /** A co-movement of this many mm beyond the healthy side's scores 0. */
    static final double SYNKINESIS_REFERENCE_MM = 3;

    private static ScaleItem staticItem(String key, String label, String measure, double affected, double healthy,
                                        double tolerance, double reference, String referenceName) {
        String m = "rest: " + measure + ", affected - healthy (mm)";
        String rule = "100 x (1 - min(1, max(0, |difference| - " + tolerance + " mm) / " + referenceName + "))";
        if (!Double.isFinite(affected) || !Double.isFinite(healthy)) {
            return ScaleItem.notAssessed(key, label, m, rule, List.of(Movement.REST),
                "needs a 3D face (a mesh, a reconstruction or a photo fit), not landmarks alone");
        }
        double d = affected - healthy;
        double v = reference > 0 ? 100 * (1 - Math.min(1, Math.max(0, Math.abs(d) - tolerance) / reference))
            : Double.NaN;
        return ScaleItem.of(key, label, v, m, d, rule, List.of(Movement.REST));
    }

    private static ScaleItem dynamic(SidePair p, String key, String label, Movement m, String measure) {
        String desc = m.key() + ": " + measure + ", affected / healthy";
        String rule = "100 x min(1, (affected / healthy) / complete), complete = " + ItemMeasures.COMPLETE_RULE;
        if (!p.has(m)) {
            return ScaleItem.notAssessed(key, label, desc, rule, List.of(Movement.REST, m), ItemMeasures.missing(m));
        }
        double r = ItemMeasures.ratio(p, m, measure);
        if (!Double.isFinite(r)) {
            return ScaleItem.notAssessed(key, label, desc, rule, List.of(Movement.REST, m),
                ItemMeasures.whyNoRatio(p, m, measure));
        }
        double complete = ItemMeasures.completeRatio(p, m);
        return ScaleItem.of(key, label, 100 * Math.min(1, r / complete), desc, r,
            rule + String.format(java.util.Locale.ROOT, " = %.2f here", complete), List.of(Movement.REST, m));
    }

    private static ScaleItem synkinesis(SidePair p, String key, String label, String what,
                                        java.util.function.BiFunction<SidePair, Movement, Double> excess,
                                        Movement... during) {
        List<Movement> given = ItemMeasures.given(p, during);
        String desc = "largest over " + String.join(", ", java.util.Arrays.stream(during).map(Movement::key).toList())
            + ": " + what;
        String rule = "100 x (1 - min(1, excess / " + SYNKINESIS_REFERENCE_MM + " mm)); 100 = no synkinesis";
        List<Movement> needs = new ArrayList<>(List.of(Movement.REST));
        needs.addAll(List.of(during));
        if (given.isEmpty()) {
            return ScaleItem.notAssessed(key, label, desc, rule, needs, ItemMeasures.missing(during));
        }
        double worst = given.stream().mapToDouble(m -> excess.apply(p, m)).max().orElse(0);
        return ScaleItem.of(key, label, 100 * (1 - Math.min(1, worst / SYNKINESIS_REFERENCE_MM)), desc, worst, rule,
            needs);
    }

    static double mean(List<ScaleItem> items) {
        ToDoubleFunction<ScaleItem> v = ScaleItem::value;
        return items.stream().filter(ScaleItem::assessed).mapToDouble(v).average().orElse(Double.NaN);
    }
}
