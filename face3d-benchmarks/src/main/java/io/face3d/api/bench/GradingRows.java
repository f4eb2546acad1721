package io.face3d.api.bench;

import io.face3d.api.Face3d;
import io.face3d.clinic.Assessment;
import io.face3d.clinic.Assessor;
import io.face3d.clinic.Movement;
import io.face3d.clinic.ScaleItem;
import io.face3d.clinic.ScaleResult;
import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.render.SyntheticFaceRenderer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The grading-scale rows of {@code bench assess}: synthetic patients ({@link SyntheticPatient}, weaker side's
 * activation f) in every posture. From meshes: the weaker side named per movement at f ~ U(0, 0.6); every item
 * normal at f = 1 (eFACE >= 90, Sunnybrook resting 0, voluntary 5, synkinesis 0, House-Brackmann I); every item
 * monotone over f = 0, 0.2, ..., 1 (healthy side given; 1.5 eFACE points of slack). From photo-like renders (the
 * first subjects): the weaker side per movement and the eFACE total against the same patient's meshes.
 */
final class GradingRows {
    /** The movements whose weaker side the grading rows check (also read by the on-demand row harnesses). */
    static final Movement[] SIDED = {Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED, Movement.EEE,
        Movement.SNARL, Movement.EYES_CLOSED_TIGHT};
    private static final double[] GRID = {0, 0.2, 0.4, 0.6, 0.8, 1};

    private GradingRows() {
    }

    static String run(MorphableModel model, Face3d face3d, SyntheticFaceRenderer renderer, int subjects,
                      int photoSubjects, long seed, Consumer<String> progress) {
        Random rnd = new Random(seed * 7919 + 13);
        Map<Movement, int[]> meshSide = new EnumMap<>(Movement.class), photoSide = new EnumMap<>(Movement.class);
        int normal = 0, monotone = 0, photos = 0, missed = 0;
        List<Double> totalErrors = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            SyntheticPatient p = SyntheticPatient.draw(model, rnd);
            double f = 0.6 * rnd.nextDouble();
            Assessment mesh = Assessor.assess(p.states(model, f, SyntheticPatient.ALL_POSTURES), Optional.empty());
            tally(meshSide, mesh, p);
            normal += isNormal(Assessor.assess(p.states(model, 1, SyntheticPatient.ALL_POSTURES), Optional.empty())) ? 1 : 0;
            monotone += isMonotone(model, p) ? 1 : 0;
            if (s < photoSubjects) {
                try {
                    Assessment photo = AssessBenchmark.fromPhotos(face3d, model, renderer, p.identity(),
                        p.expressions(model, f, SyntheticPatient.ALL_POSTURES), seed * 1000 + 500 + s);
                    tally(photoSide, photo, p);
                    totalErrors.add(Math.abs(photo.scale("eface").scores().get("total")
                        - mesh.scale("eface").scores().get("total")));
                    photos++;
                } catch (io.face3d.core.Face3dException e) {
                    missed++;
                }
            }
            progress.accept("assess grading: subject " + (s + 1) + "/" + subjects);
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n### Grading scales (eFACE, Sunnybrook, House-Brackmann estimate)%n%n"
            + "%d synthetic patients in all 8 postures (seed %d), weaker side's activation f ~ U(0, 0.6) of the "
            + "stronger's U(0.6, 1), resting droop and synkinesis tied to 1 - f.%n%n", subjects, seed));
        md.append("| input | weaker side right: smile | brow | eyes closed | [e] | snarl | eyes tight | normal at f = 1"
            + " | monotone in f | eFACE total vs meshes, median abs. difference |\n|---|---|---|---|---|---|---|---|---|---|\n");
        md.append("| meshes").append(sides(meshSide)).append(String.format(Locale.ROOT, " | %d/%d | %d/%d | - |%n",
            normal, subjects, monotone, subjects));
        if (photos > 0) {
            md.append(String.format(Locale.ROOT, "| photo-like renders (%d; %d with a face missed)", photos + missed,
                missed)).append(sides(photoSide)).append(String.format(Locale.ROOT, " | - | - | %.1f |%n",
                median(totalErrors)));
        }
        return md.toString();
    }

    private static void tally(Map<Movement, int[]> t, Assessment a, SyntheticPatient p) {
        for (Movement m : SIDED) {
            int[] c = t.computeIfAbsent(m, k -> new int[2]);
            c[0] += a.movements().get(m).weakerSide() == p.weakerSide() ? 1 : 0;
            c[1]++;
        }
    }

    private static String sides(Map<Movement, int[]> t) {
        StringBuilder b = new StringBuilder();
        for (Movement m : SIDED) {
            int[] c = t.get(m);
            b.append(" | ").append(c[0]).append('/').append(c[1]);
        }
        return b.toString();
    }

    static boolean isNormal(Assessment a) {
        for (ScaleItem i : a.scale("eface").items()) {
            if (i.assessed() && i.value() < 90) {
                return false;
            }
        }
        Map<String, Double> sb = a.scale("sunnybrook").scores();
        return sb.get("resting_symmetry") == 0 && sb.get("voluntary_movement") == 100 && sb.get("synkinesis") == 0
            && "I".equals(a.scale("house_brackmann").grade());
    }

    static boolean isMonotone(MorphableModel model, SyntheticPatient p) {
        List<Assessment> byF = new ArrayList<>();
        for (double f : GRID) {
            byF.add(Assessor.assess(p.states(model, f, SyntheticPatient.ALL_POSTURES), Optional.of(p.weakerSide().other())));
        }
        for (ScaleResult first : byF.get(0).scales()) {
            for (ScaleItem item : first.items()) {
                if (!item.assessed()) {
                    continue;
                }
                boolean lowerBetter = first.key().equals("sunnybrook") && !item.key().startsWith("voluntary")
                    || item.key().equals("rest");
                for (int k = 1; k < byF.size(); k++) {
                    double prev = byF.get(k - 1).scale(first.key()).item(item.key()).value();
                    double now = byF.get(k).scale(first.key()).item(item.key()).value();
                    if ((lowerBetter ? prev - now : now - prev) < -1.5) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static double median(List<Double> e) {
        double[] s = e.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
