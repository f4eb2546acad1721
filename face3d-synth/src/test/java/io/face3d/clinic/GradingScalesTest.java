package io.face3d.clinic;

import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grading scales on synthetic patients whose weaker side's activation is known ({@link SyntheticPatient}):
 * normal on a symmetric face, monotone in the activation, not assessed without their postures. Seeds 101-106 here;
 * {@code face3d bench assess} reports on other seeds.
 */
class GradingScalesTest {
    private static final double[] ACTIVATIONS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
    /**
     * Points a grade may fall by as f rises and still count as monotone: the fold's depth dips by up to about one
     * eFACE point at weak smiles (the model's own smile first flattens the fold a little before it deepens it).
     */
    private static final double TOLERANCE = 1.5;
    private final MorphableModel model = TestModel.get();

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103})
    void aSymmetricFaceIsNormalOnEveryItem(long seed) {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(seed));
        Assessment a = Assessor.assess(p.states(model, 1, SyntheticPatient.ALL_POSTURES), Optional.empty());
        for (ScaleItem i : a.scale("eface").items()) {
            if (i.assessed()) {
                assertTrue(i.value() >= 90, "eFACE " + i.key() + " " + i.value() + " from " + i.measured());
            }
        }
        ScaleResult sb = a.scale("sunnybrook");
        assertEquals(0, sb.scores().get("resting_symmetry"), "resting " + sb.items());
        assertEquals(100, sb.scores().get("voluntary_movement"), "voluntary " + sb.items());
        assertEquals(0, sb.scores().get("synkinesis"), "synkinesis " + sb.items());
        assertEquals(100, sb.scores().get("composite"));
        assertEquals("I", a.scale("house_brackmann").grade());
    }

    @ParameterizedTest
    @ValueSource(longs = {104, 105, 106})
    void everyItemIsMonotoneInTheWeakerSidesActivation(long seed) {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(seed));
        List<Assessment> byF = new ArrayList<>();
        for (double f : ACTIVATIONS) {
            Map<Movement, FaceState> states = p.states(model, f, SyntheticPatient.ALL_POSTURES);
            if (f <= 0.6) {
                assertEquals(p.weakerSide().other(), Assessor.assess(states, Optional.empty()).healthySide(),
                    "healthy side at f = " + f);
            }
            // The healthy side given, as a clinician who knows it would: monotone in f is about the grading, and
            // near f = 1 the automatic choice may name either side (tested above).
            byF.add(Assessor.assess(states, Optional.of(p.weakerSide().other())));
        }
        for (String scale : new String[] {"eface", "sunnybrook", "house_brackmann"}) {
            for (ScaleItem item : byF.get(0).scale(scale).items()) {
                if (!item.assessed()) {
                    continue;
                }
                double sign = scale.equals("sunnybrook") && !item.key().startsWith("voluntary")
                    || item.key().equals("rest") ? -1 : 1; // lower is better
                for (int k = 1; k < byF.size(); k++) {
                    double prev = sign * byF.get(k - 1).scale(scale).item(item.key()).value();
                    double now = sign * byF.get(k).scale(scale).item(item.key()).value();
                    assertTrue(now >= prev - TOLERANCE, scale + " " + item.key() + " falls from " + prev + " to " + now
                        + " at f = " + ACTIVATIONS[k]);
                }
            }
            Map<String, Double> first = byF.get(0).scale(scale).scores();
            for (String score : first.keySet()) {
                double sign = scale.equals("house_brackmann") || score.equals("resting_symmetry")
                    || score.equals("synkinesis") && scale.equals("sunnybrook") ? -1 : 1;
                for (int k = 1; k < byF.size(); k++) {
                    double prev = sign * byF.get(k - 1).scale(scale).scores().get(score);
                    double now = sign * byF.get(k).scale(scale).scores().get(score);
                    assertTrue(now >= prev - TOLERANCE, scale + " score " + score + " falls at f = " + ACTIVATIONS[k]);
                }
            }
        }
    }

    @Test
    void itemsWithoutTheirPostureAreNotAssessed() {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(107));
        Assessment a = Assessor.assess(p.states(model, 0.3, Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED),
            Optional.empty());
        ScaleResult sb = a.scale("sunnybrook");
        assertFalse(sb.item("voluntary_snarl").assessed());
        assertTrue(sb.item("voluntary_snarl").status().contains("snarl"));
        assertTrue(Double.isNaN(sb.scores().get("composite")));
        assertTrue(sb.item("voluntary_smile").assessed());
        assertFalse(a.scale("eface").item("full_eye_closure").assessed());
        assertTrue(a.scale("house_brackmann").grade() != null);
    }

    @Test
    void landmarksAloneLeaveTheFoldNotAssessedAndNoMovementDecidesNoSide() {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(108));
        Map<Movement, FaceState> states = new java.util.EnumMap<>(Movement.class);
        p.states(model, 0.3).forEach((m, s) -> states.put(m, new FaceState(s.landmarks3d(), null, s.expression(),
            "landmarks")));
        Assessment a = Assessor.assess(states, Optional.empty());
        assertEquals("undecided", a.healthyChosen());
        assertFalse(a.scale("eface").item("nasolabial_fold_at_rest").assessed());
        assertTrue(a.scale("eface").item("brow_elevation").status().contains("brow raise"));
        assertTrue(Double.isNaN(a.scale("house_brackmann").scores().get("grade")));
    }
}
