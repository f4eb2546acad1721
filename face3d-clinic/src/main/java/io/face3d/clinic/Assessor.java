package io.face3d.clinic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each movement with rest, side by side, and scores the face in the manner of Auto-eFACE (Miller et al.,
 * Facial Plast Surg Aesthet Med 2020; eFACE: Banks et al., Plast Reconstr Surg 2015): 100 means the affected side
 * behaves like the healthy side.
 *
 * <ul>
 * <li>Static items (rest): brow height, palpebral fissure and mouth-corner height; each
 * 100 (1 - min(1, |affected - healthy| / reference)), the reference being the healthy side's value (brow,
 * fissure) or its commissure excursion (corner height).</li>
 * <li>Dynamic items (one per movement): 100 min(1, affected change / healthy change) of the movement's primary
 * measure: brow raise, eye closure fraction, smile and [e] commissure excursion, pucker medial movement.</li>
 * <li>Synkinesis (smile and [e]): ocular synkinesis, the affected eye's opening relative to rest divided by the
 * healthy eye's, 100 min(1, ratio): an eye that narrows when the mouth moves lowers the score.</li>
 * </ul>
 * Subscores are the means of their items; an item whose healthy-side change is below {@link #MIN_MOVEMENT_MM}
 * (no measurable movement) is left out and says so by its absence.
 */
public final class Assessor {
    /** Movements smaller than this on the healthy side are not scored (mm, or fraction for eye closure). */
    public static final double MIN_MOVEMENT_MM = 0.5;
    private static final double MIN_CLOSURE = 0.05;

    private Assessor() {
    }

    /** The primary measure's name for each movement. */
    public static String primaryMeasure(Movement m) {
        return switch (m) {
            case SMILE, EEE -> "excursion_change_mm";
            case BROW -> "brow_height_change_mm";
            case EYES_CLOSED -> "closure_fraction";
            case PUCKER -> "commissure_medial_mm";
            case REST -> throw new IllegalArgumentException("rest has no movement");
        };
    }

    /**
     * @param postures REST is required; any other movement optional
     * @param healthy  the healthy side if known, else chosen: the side that is stronger in the movements, each
     *                 movement voting with weight 1 - ratio
     */
    public static Assessment assess(Map<Movement, FaceState> postures, Optional<Side> healthy) {
        FaceState rest = postures.get(Movement.REST);
        if (rest == null) {
            throw new io.face3d.core.Face3dException("an assessment needs the face at rest: give --rest");
        }
        SideMeasures rR = FaceMeasurer.measure(rest.landmarks3d(), Side.RIGHT);
        SideMeasures rL = FaceMeasurer.measure(rest.landmarks3d(), Side.LEFT);
        Map<Movement, MovementScore> scores = new EnumMap<>(Movement.class);
        for (Map.Entry<Movement, FaceState> e : postures.entrySet()) {
            if (e.getKey() != Movement.REST) {
                scores.put(e.getKey(), score(e.getKey(), e.getValue(), rest, rR, rL));
            }
        }
        Side healthySide;
        String chosen;
        if (healthy.isPresent()) {
            healthySide = healthy.get();
            chosen = "given";
        } else {
            double vote = 0; // > 0: right is healthy
            for (MovementScore s : scores.values()) {
                vote += (s.weakerSide() == Side.LEFT ? 1 : -1) * (1 - s.ratio());
            }
            healthySide = vote >= 0 ? Side.RIGHT : Side.LEFT;
            chosen = "auto";
        }
        Map<String, Double> items = new LinkedHashMap<>();
        SideMeasures h = healthySide == Side.RIGHT ? rR : rL, a = healthySide == Side.RIGHT ? rL : rR;
        items.put("static_brow", staticItem(a.browHeightMm(), h.browHeightMm(), h.browHeightMm()));
        items.put("static_palpebral_fissure", staticItem(a.palpebralFissureMm(), h.palpebralFissureMm(),
            h.palpebralFissureMm()));
        items.put("static_oral_commissure", staticItem(a.commissureHeightMm(), h.commissureHeightMm(),
            h.commissureExcursionMm()));
        List<Double> dynamic = new ArrayList<>();
        List<Double> synkinesis = new ArrayList<>();
        for (MovementScore s : scores.values()) {
            Map<String, Double> ch = healthySide == Side.RIGHT ? s.changeRight() : s.changeLeft();
            Map<String, Double> ca = healthySide == Side.RIGHT ? s.changeLeft() : s.changeRight();
            double hc = ch.get(s.primary()), ac = ca.get(s.primary());
            double min = s.movement() == Movement.EYES_CLOSED ? MIN_CLOSURE : MIN_MOVEMENT_MM;
            if (hc >= min) {
                double item = 100 * Math.min(1, Math.max(0, ac) / hc);
                items.put("dynamic_" + s.movement().key(), item);
                dynamic.add(item);
            }
            if (s.movement() == Movement.SMILE || s.movement() == Movement.EEE) {
                SideMeasures hm = healthySide == Side.RIGHT ? s.right() : s.left();
                SideMeasures am = healthySide == Side.RIGHT ? s.left() : s.right();
                double ratio = (am.palpebralFissureMm() / a.palpebralFissureMm())
                    / (hm.palpebralFissureMm() / h.palpebralFissureMm());
                if (Double.isFinite(ratio)) {
                    double item = 100 * Math.min(1, Math.max(0, ratio));
                    items.put("synkinesis_ocular_" + s.movement().key(), item);
                    synkinesis.add(item);
                }
            }
        }
        double stat = (items.get("static_brow") + items.get("static_palpebral_fissure")
            + items.get("static_oral_commissure")) / 3;
        return new Assessment(rR, rL, scores, healthySide, chosen, stat, mean(dynamic), mean(synkinesis), items);
    }

    private static double staticItem(double affected, double healthy, double reference) {
        if (!(reference > 0)) {
            return Double.NaN;
        }
        return 100 * (1 - Math.min(1, Math.abs(affected - healthy) / reference));
    }

    private static double mean(List<Double> xs) {
        return xs.isEmpty() ? Double.NaN : xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static MovementScore score(Movement m, FaceState state, FaceState rest, SideMeasures restR,
                                       SideMeasures restL) {
        SideMeasures r = FaceMeasurer.measure(state.landmarks3d(), Side.RIGHT);
        SideMeasures l = FaceMeasurer.measure(state.landmarks3d(), Side.LEFT);
        Map<String, Double> cr = changes(r, restR);
        Map<String, Double> cl = changes(l, restL);
        String primary = primaryMeasure(m);
        String source = "geometry";
        if (state.eyeOpenness() != null && rest.eyeOpenness() != null) {
            // Detectors' lid points do not follow a closed lid; the pixels do. Closure from pixels becomes the
            // closure fraction, the geometric one is kept beside it.
            cr.put("closure_fraction_geometry", cr.get("closure_fraction"));
            cl.put("closure_fraction_geometry", cl.get("closure_fraction"));
            cr.put("closure_fraction", closure(state.eyeOpenness()[0], rest.eyeOpenness()[0]));
            cl.put("closure_fraction", closure(state.eyeOpenness()[1], rest.eyeOpenness()[1]));
            if (m == Movement.EYES_CLOSED) {
                source = "pixels";
            }
        }
        double pr = cr.get(primary), pl = cl.get(primary);
        Side weaker = pr <= pl ? Side.RIGHT : Side.LEFT;
        double strong = Math.max(pr, pl), weak = Math.max(0, Math.min(pr, pl));
        double ratio = strong > 1e-9 ? weak / strong : 1;
        return new MovementScore(m, r, l, cr, cl, primary, source, weaker, ratio, activations(state.expression()));
    }

    private static double closure(double openNow, double openRest) {
        return openRest > 1e-6 ? Math.max(0, Math.min(1, 1 - openNow / openRest)) : 0;
    }

    private static Map<String, Double> changes(SideMeasures now, SideMeasures rest) {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("brow_height_change_mm", now.browHeightMm() - rest.browHeightMm());
        c.put("palpebral_fissure_change_mm", now.palpebralFissureMm() - rest.palpebralFissureMm());
        c.put("closure_fraction", rest.palpebralFissureMm() > 0
            ? Math.max(0, Math.min(1, 1 - now.palpebralFissureMm() / rest.palpebralFissureMm())) : 0);
        double exc = now.commissureExcursionMm() - rest.commissureExcursionMm();
        c.put("excursion_change_mm", exc);
        c.put("commissure_medial_mm", -exc);
        c.put("commissure_displacement_mm", FaceMeasurer.distance(now.commissure(), rest.commissure()));
        c.put("smile_angle_change_deg", now.smileAngleDeg() - rest.smileAngleDeg());
        c.put("commissure_height_change_mm", now.commissureHeightMm() - rest.commissureHeightMm());
        c.put("interlabial_gap_change_mm", now.interlabialGapMm() - rest.interlabialGapMm());
        return c;
    }

    /** Every left/right blendshape pair in the fit: base name to {right, left} weights. */
    static Map<String, double[]> activations(Map<String, Double> expression) {
        Map<String, double[]> out = new LinkedHashMap<>();
        expression.keySet().stream().filter(n -> n.endsWith("_L")).sorted().forEach(n -> {
            String base = n.substring(0, n.length() - 2);
            Double right = expression.get(base + "_R");
            if (right != null) {
                out.put(base, new double[] {right, expression.get(n)});
            }
        });
        return out;
    }
}
