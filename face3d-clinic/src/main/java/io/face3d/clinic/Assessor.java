package io.face3d.clinic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each movement with rest, side by side, names the weaker side, and grades the face on eFACE
 * ({@link EFace}), Sunnybrook ({@link Sunnybrook}) and a House-Brackmann estimate ({@link HouseBrackmann}), each item
 * traceable to its measure. The older Auto-eFACE-style summary below (Miller et al., Facial Plast Surg Aesthet Med
 * 2020) is kept as the eFACE static, dynamic and synkinesis scores.
 *
 * An item whose healthy-side change is below {@link #MIN_MOVEMENT_MM} (no measurable movement) is not assessed and
 * says why.
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
            case EYES_CLOSED, EYES_CLOSED_TIGHT -> "closure_fraction";
            case SNARL -> "upper_lip_lift_mm";
            case PUCKER -> "commissure_medial_mm";
            case REST -> throw new IllegalArgumentException("rest has no movement");
        };
    }

    /**
     * Movements whose weaker / stronger votes sum to less than this (1 - ratio summed over the movements) do not
     * decide which side is healthy: a symmetric face's sides differ only by noise.
     */
    static final double UNDECIDED_VOTE = 0.05;

    /**
     * @param postures REST is required; any other movement optional
     * @param healthy  the healthy side if known, else chosen: the side that is stronger in the movements, each
     *                 movement voting with weight 1 - ratio; "undecided" when there are no movements or they do
     *                 not tell the sides apart
     */
    public static Assessment assess(Map<Movement, FaceState> postures, Optional<Side> healthy) {
        FaceState rest = postures.get(Movement.REST);
        if (rest == null) {
            throw new io.face3d.core.Face3dException("an assessment needs the face at rest: give --rest");
        }
        SideMeasures rR = FaceMeasurer.measure(rest.landmarks3d(), rest.face(), Side.RIGHT);
        SideMeasures rL = FaceMeasurer.measure(rest.landmarks3d(), rest.face(), Side.LEFT);
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
            chosen = Math.abs(vote) < UNDECIDED_VOTE ? "undecided" : "auto";
        }
        Assessment base = new Assessment(rR, rL, scores, healthySide, chosen, Double.NaN, Double.NaN, Double.NaN,
            Map.of(), List.of());
        ScaleResult eface = EFace.grade(base);
        ScaleResult sunnybrook = Sunnybrook.grade(base);
        ScaleResult hb = HouseBrackmann.grade(base, sunnybrook);
        Map<String, Double> items = new LinkedHashMap<>();
        eface.items().stream().filter(ScaleItem::assessed).forEach(i -> items.put(i.key(), i.value()));
        return new Assessment(rR, rL, scores, healthySide, chosen, eface.scores().get("static"),
            eface.scores().get("dynamic"), eface.scores().get("synkinesis"), items, List.of(eface, sunnybrook, hb));
    }

    private static MovementScore score(Movement m, FaceState state, FaceState rest, SideMeasures restR,
                                       SideMeasures restL) {
        SideMeasures r = FaceMeasurer.measure(state.landmarks3d(), state.face(), Side.RIGHT);
        SideMeasures l = FaceMeasurer.measure(state.landmarks3d(), state.face(), Side.LEFT);
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
            if (m == Movement.EYES_CLOSED || m == Movement.EYES_CLOSED_TIGHT) {
                source = "pixels";
            }
        }
        double pr = cr.get(primary), pl = cl.get(primary);
        Side weaker = pr <= pl ? Side.RIGHT : Side.LEFT;
        double strong = Math.max(pr, pl), weak = Math.max(0, Math.min(pr, pl));
        double ratio = strong > 1e-9 ? weak / strong : 1;
        return new MovementScore(m, r, l, cr, cl, primary, source, weaker, ratio, activations(state.expression()));
    }

    static double closure(double openNow, double openRest) {
        return openRest > 1e-6 ? Math.max(0, Math.min(1, 1 - openNow / openRest)) : 0;
    }

    static Map<String, Double> changes(SideMeasures now, SideMeasures rest) {
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
        c.put("upper_lip_lift_mm", now.upperLipHeightMm() - rest.upperLipHeightMm());
        c.put("lower_lip_drop_mm", now.lowerLipDropMm() - rest.lowerLipDropMm());
        c.put("chin_displacement_mm", FaceMeasurer.distance(now.chin(), rest.chin()));
        double fold = now.nasolabialFoldDepthMm() - rest.nasolabialFoldDepthMm();
        if (Double.isFinite(fold)) {
            c.put("nasolabial_fold_depth_change_mm", fold);
        }
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
