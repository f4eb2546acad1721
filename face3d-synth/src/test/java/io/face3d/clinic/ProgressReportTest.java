package io.face3d.clinic;

import io.face3d.clinic.synthetic.SyntheticPatient;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three visits of a synthetic patient whose weaker side recovers (f = 0.1, 0.35, 0.7): every affected item improves. */
class ProgressReportTest {
    private final MorphableModel model = TestModel.get();

    @Test
    void threeVisitsOfARecoveringPatientShowTheRecoveryInEveryAffectedItem(@TempDir Path dir) throws Exception {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(109));
        PatientFolder folder = new PatientFolder(dir.resolve("patient"));
        double[] activation = {0.1, 0.35, 0.7};
        String[] dates = {"2026-09-01", "2026-10-06", "2026-11-03"};
        Path input = dir.resolve("rest.obj");
        for (int v = 0; v < 3; v++) {
            Files.writeString(input, "visit " + v);
            Map<Movement, FaceState> states = p.states(model, activation[v], SyntheticPatient.ALL_POSTURES);
            Assessment a = Assessor.assess(states, Optional.of(p.weakerSide().other()));
            folder.save(LocalDate.parse(dates[v]), Map.of("rest", input), ReportWriter.toJson(a, Map.of(), Map.of()),
                "face3d test", "ICT-FaceKit Light", Map.of(Movement.SMILE, states.get(Movement.SMILE).face(),
                    Movement.REST, states.get(Movement.REST).face()));
        }
        List<PatientFolder.Visit> visits = folder.visits();
        assertEquals(3, visits.size());
        assertEquals(64, visits.get(0).json().at("/inputs/rest/sha256").asText().length());
        int affected = 0;
        for (ProgressReport.Row r : ProgressReport.rows(visits)) {
            double first = r.values()[0];
            boolean abnormal = Double.isFinite(first) && (r.higherIsBetter() ? first < normal(r) : first > normal(r));
            if (abnormal) {
                affected++;
                assertTrue(r.improved(), r.scale() + " " + r.key() + " " + java.util.Arrays.toString(r.values()));
            }
        }
        assertTrue(affected >= 15, "affected items " + affected);
        ProgressReport.write(visits, dir.resolve("out"), model.triangles(io.face3d.core.model.Region.FACE));
        String html = Files.readString(dir.resolve("out/progress.html"));
        assertTrue(html.contains("<svg"));
        assertEquals(2, html.split("difference\" src=\"data:image/png", -1).length - 1, "rest and smile drawn");
        assertTrue(Files.readString(dir.resolve("out/progress.csv")).contains("2026-11-03"));
    }

    /**
     * The smile's 3D change between a visit at f = 0.1 and one at f = 0.7: the weaker side's mouth corner moved, the
     * stronger side's barely (its activation is the same), the forehead not at all.
     */
    @Test
    void theSmilesDifferenceBetweenVisitsIsOnTheRecoveringSide() {
        SyntheticPatient p = SyntheticPatient.draw(model, new Random(110));
        float[] before = p.states(model, 0.1, Movement.SMILE).get(Movement.SMILE).face();
        float[] after = p.states(model, 0.7, Movement.SMILE).get(Movement.SMILE).face();
        double[] d = VisitDifference.compute(before, after);
        double[] same = VisitDifference.compute(before, before);
        int weak = model.landmarks68()[p.weakerSide() == Side.RIGHT ? 48 : 54];
        int strong = model.landmarks68()[p.weakerSide() == Side.RIGHT ? 54 : 48];
        assertTrue(d[weak] > 2 && d[weak] > 2 * d[strong], "weaker corner " + d[weak] + ", stronger " + d[strong]);
        assertEquals(0, java.util.Arrays.stream(same).max().orElseThrow(), 1e-3);
    }

    /** The normal value of a row: eFACE 90 (the tests' "normal"), Sunnybrook 5 / 0 / composite 100, HB grade 1. */
    private static double normal(ProgressReport.Row r) {
        return switch (r.scale()) {
            case "eface" -> 90;
            case "sunnybrook" -> r.key().equals("score:voluntary_movement") || r.key().equals("score:composite") ? 100
                : r.key().startsWith("voluntary") ? 5 : 0;
            default -> r.key().equals("score:grade") ? 1 : r.key().equals("rest") ? 0 : 0.9;
        };
    }
}
