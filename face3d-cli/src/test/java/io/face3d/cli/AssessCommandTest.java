package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.clinic.Movement;
import io.face3d.clinic.synthetic.SyntheticSubject;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessCommandTest {
    @Test
    void assessesMeshesInModelTopology(@TempDir Path dir) throws Exception {
        MorphableModel model = TestModel.get();
        SyntheticSubject s = SyntheticSubject.draw(model, new Random(21), Movement.SMILE, Movement.BROW,
            Movement.EYES_CLOSED);
        for (Movement m : new Movement[] {Movement.REST, Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED}) {
            MeshIO.write(model.mesh(s.identity(), s.expressions().get(m), Region.FACE), dir.resolve(m.key() + ".obj"));
        }
        Path out = dir.resolve("report");
        int rc = CliRun.run("assess", "--rest", dir.resolve("rest.obj").toString(),
            "--smile", dir.resolve("smile.obj").toString(), "--brow", dir.resolve("brow.obj").toString(),
            "--eyes-closed", dir.resolve("eyes_closed.obj").toString(), "-o", out.toString()).status();
        assertEquals(0, rc);
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        for (String m : new String[] {"smile", "brow", "eyes_closed"}) {
            assertEquals(s.weakerSide().json(), r.at("/movements/" + m + "/weaker_side").asText(), m);
        }
        double[] w = s.strength().get(Movement.SMILE);
        assertEquals(w[0] / w[1], r.at("/movements/smile/ratio").asDouble(), 0.1);
        String weak = s.weakerSide().json();
        assertEquals(w[0], r.at("/movements/smile/activations/mouthSmile/" + weak).asDouble(), 0.05);
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
        assertTrue(Files.size(out.resolve("report.pdf")) > 1000, "the PDF beside the page");
    }

    @Test
    void storesVisitsAndComparesThemWithProgress(@TempDir Path dir) throws Exception {
        MorphableModel model = TestModel.get();
        io.face3d.clinic.synthetic.SyntheticPatient p = io.face3d.clinic.synthetic.SyntheticPatient.draw(model,
            new Random(22));
        Path patient = dir.resolve("P01");
        String[] dates = {"2026-09-01", "2026-11-03"};
        double[] f = {0.1, 0.6};
        for (int v = 0; v < 2; v++) {
            java.util.Map<Movement, double[]> ex = p.expressions(model, f[v], Movement.SMILE);
            for (Movement m : ex.keySet()) {
                MeshIO.write(model.mesh(p.identity(), ex.get(m), Region.FACE), dir.resolve(v + m.key() + ".obj"));
            }
            assertEquals(0, CliRun.run("assess", "--rest", dir.resolve(v + "rest.obj").toString(), "--smile",
                dir.resolve(v + "smile.obj").toString(), "-o", dir.resolve("r" + v).toString(), "--patient",
                patient.toString(), "--visit", dates[v]).status());
        }
        String second = Files.readString(dir.resolve("r1/report.html"));
        assertTrue(second.contains("P01") && second.contains("2026-09-01"), "patient and the earlier visit on the page");
        assertEquals(0, CliRun.run("progress", patient.toString()).status());
        String csv = Files.readString(patient.resolve("progress/progress.csv"));
        assertTrue(csv.contains("eface,oral_commissure_with_smile"), csv);
        assertEquals(2, CliRun.run("assess", "--rest", dir.resolve("0rest.obj").toString(), "--patient",
            patient.toString(), "--visit", "3 Nov").status());
        assertEquals(2, CliRun.run("progress", dir.resolve("nobody").toString()).status());
    }

    @Test
    void aMeshOfAnotherTopologyIsABadInput(@TempDir Path dir) {
        MeshIO.write(new io.face3d.core.mesh.Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2}),
            dir.resolve("tri.obj"));
        int rc = CliRun.run("assess", "--rest", dir.resolve("tri.obj").toString(), "-o",
            dir.resolve("r").toString()).status();
        assertEquals(2, rc);
        assertTrue(Files.notExists(dir.resolve("r").resolve("report.json")));
    }
}
