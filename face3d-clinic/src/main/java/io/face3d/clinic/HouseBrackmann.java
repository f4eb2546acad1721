package io.face3d.clinic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the House-Brackmann grade (House and Brackmann, Otolaryngol Head Neck Surg 1985; 93: 146-147)
 * from its regional criteria: forehead movement, eye closure and mouth movement, each read from a measure. House-
 * Brackmann is a clinician's gestalt grade, not defined on millimetres, so this is an estimate and says so. Eye
 * closure is judged against the healthy eye's closure in the same posture (what "complete" looks like on this
 * face); "with effort" means complete only in the full (tight) closure. Thresholds: docs/decisions/clinic-grading.md.
 */
public final class HouseBrackmann {
    private static final String[] GRADES = {"I", "II", "III", "IV", "V", "VI"};

    private HouseBrackmann() {
    }

    public static ScaleResult grade(Assessment a, ScaleResult sunnybrook) {
        SidePair p = new SidePair(a);
        List<ScaleItem> items = new ArrayList<>();
        items.add(region(p, "forehead", "Forehead movement, affected / healthy", Movement.BROW, "brow_height_change_mm"));
        items.add(region(p, "eye_gentle", "Gentle eye closure, affected / healthy", Movement.EYES_CLOSED,
            "closure_fraction"));
        items.add(region(p, "eye_full", "Full eye closure, affected / healthy", Movement.EYES_CLOSED_TIGHT,
            "closure_fraction"));
        items.add(region(p, "mouth", "Mouth movement with smile, affected / healthy", Movement.SMILE,
            "excursion_change_mm"));
        double restAsymmetry = sunnybrook.scores().get("resting_symmetry");
        items.add(ScaleItem.of("rest", "Symmetry at rest (Sunnybrook resting score, 0 = symmetric)",
            restAsymmetry, "Sunnybrook resting_symmetry", restAsymmetry, "> 0 means visible asymmetry at rest",
            List.of(Movement.REST)));
        double fr = items.get(0).value(), eg = items.get(1).value(), ef = items.get(2).value(), mr = items.get(3).value();
        String grade = null;
        double g = Double.NaN;
        if (Double.isFinite(fr) && Double.isFinite(eg) && Double.isFinite(mr)) {
            double eye = Double.isFinite(ef) ? Math.max(eg, ef) : eg;
            boolean gentleComplete = eg >= ItemMeasures.completeRatio(p, Movement.EYES_CLOSED);
            boolean closes = gentleComplete || Double.isFinite(ef)
                && ef >= ItemMeasures.completeRatio(p, Movement.EYES_CLOSED_TIGHT);
            int k;
            if (fr < 0.05 && mr < 0.05 && eye < 0.2) {
                k = 5;
            } else if (mr < 0.25 && !closes) {
                k = 4;
            } else if (!closes || fr < 0.1) {
                k = 3;
            } else if (fr < 0.5 || mr < 0.75 || !gentleComplete) {
                k = 2;
            } else if (fr < ItemMeasures.completeRatio(p, Movement.BROW) || mr < ItemMeasures.completeRatio(p, Movement.SMILE)
                || restAsymmetry > 0) {
                k = 1;
            } else {
                k = 0;
            }
            grade = GRADES[k];
            g = k + 1;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("grade", g);
        return new ScaleResult("house_brackmann", "House-Brackmann grade (estimate)", true, items, scores, grade);
    }

    private static ScaleItem region(SidePair p, String key, String label, Movement m, String measure) {
        String desc = m.key() + ": " + measure + ", affected / healthy";
        String rule = "see the grade rules (complete = " + ItemMeasures.COMPLETE_RULE + ")";
        List<Movement> needs = List.of(Movement.REST, m);
        if (!p.has(m)) {
            return ScaleItem.notAssessed(key, label, desc, rule, needs, ItemMeasures.missing(m));
        }
        double r = ItemMeasures.ratio(p, m, measure);
        if (!Double.isFinite(r)) {
            return ScaleItem.notAssessed(key, label, desc, rule, needs, ItemMeasures.whyNoRatio(p, m, measure));
        }
        return ScaleItem.of(key, label, r, desc, r, rule, needs);
    }
}
