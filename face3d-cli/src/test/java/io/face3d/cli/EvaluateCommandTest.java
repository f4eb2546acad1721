package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.geom.Rotation;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;
import io.face3d.core.geom.Similarity;
import io.face3d.eval.bench.AnalyticMeshes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void concentricSpheresAsSchemaE(@TempDir Path dir) throws Exception {
        Path gt = dir.resolve("gt.obj"), pred = dir.resolve("pred.obj"), png = dir.resolve("heat.png");
        MeshIO.write(AnalyticMeshes.icoSphere(50, 0, 0, 100, 5), gt);
        MeshIO.write(AnalyticMeshes.uvSphere(52.5, 0, 0, 100, 100, 200), pred);
        CliRun r = run("evaluate", pred.toString(), gt.toString(), "--align", "none", "--json", "--samples", "20000",
            "--heatmap", png.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode e = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"aligned_with", "pred_to_gt", "gt_to_pred", "hausdorff", "rmse", "samples"}) {
            assertTrue(e.has(key), "schema E needs " + key);
        }
        for (String dir2 : new String[] {"pred_to_gt", "gt_to_pred"}) {
            for (String k : new String[] {"mean", "rms", "median", "max"}) {
                assertEquals(2.5, e.get(dir2).get(k).asDouble(), 0.05, dir2 + "." + k);
            }
        }
        assertEquals("none", e.get("aligned_with").asText());
        assertEquals(2.5, e.get("hausdorff").asDouble(), 0.05);
        assertEquals(2.5, e.get("rmse").asDouble(), 0.05);
        assertTrue(e.get("samples").asInt() > 39_000);
        assertNotNull(ImageIO.read(png.toFile()));
    }

    /** 7 landmarks (text for PRED, JSON for GT) bring back a copy turned by 120 degrees; the table is printed. */
    @Test
    void landmarkInitialisedIcpWithATable(@TempDir Path dir) throws Exception {
        Mesh truth = AnalyticMeshes.heightField(-60, 60, -75, 75, 41, 51, AnalyticMeshes.faceRelief(), 0.5, 3);
        Similarity move = new Similarity(1, Rotation.fromEulerDegrees(120, 20, -30), new double[] {40, 10, -300});
        Mesh pred = truth.withPositions(move.apply(truth.positions()));
        Path gt = dir.resolve("gt.obj"), pr = dir.resolve("pred.obj");
        MeshIO.write(truth, gt);
        MeshIO.write(pred, pr);
        int[] lm = {1500, 1510, 1530, 1540, 1000, 600, 620};
        StringBuilder text = new StringBuilder("# NoW order\n"), json = new StringBuilder("{\"landmarks\": [");
        for (int i = 0; i < lm.length; i++) {
            float[] a = pred.positions(), b = truth.positions();
            text.append(String.format(Locale.ROOT, "%f %f %f%n", a[3 * lm[i]], a[3 * lm[i] + 1], a[3 * lm[i] + 2]));
            json.append(String.format(Locale.ROOT, "%s[%f, %f, %f]", i > 0 ? ", " : "", b[3 * lm[i]], b[3 * lm[i] + 1], b[3 * lm[i] + 2]));
        }
        Path lp = dir.resolve("pred.txt"), lg = dir.resolve("gt.json");
        Files.writeString(lp, text);
        Files.writeString(lg, json.append("]}"));
        CliRun r = run("evaluate", pr.toString(), gt.toString(), "--align", "icp", "--crop", "none",
            "--landmarks-pred", lp.toString(), "--landmarks-gt", lg.toString(), "--samples", "5000");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("aligned with icp+landmarks"), r.out());
        String line = r.out().lines().filter(l -> l.startsWith("hausdorff")).findFirst().orElseThrow();
        double h = Double.parseDouble(line.split("\\s+")[1]);
        assertTrue(h < 0.01, line);
    }

    @Test
    void badInputExitsWithStatus2(@TempDir Path dir) throws Exception {
        Path gt = dir.resolve("gt.obj"), empty = dir.resolve("empty.obj"), bad = dir.resolve("bad.txt");
        MeshIO.write(AnalyticMeshes.icoSphere(50, 0, 0, 0, 2), gt);
        Files.writeString(empty, "# nothing\n");
        Files.writeString(bad, "1 2 3\n4 5\n");
        String[][] cases = {
            {"evaluate", dir.resolve("missing.obj").toString(), gt.toString()},
            {"evaluate", empty.toString(), gt.toString()},
            {"evaluate", gt.toString(), gt.toString(), "--align", "wobble"},
            {"evaluate", gt.toString(), gt.toString(), "--crop", "ear:3"},
            {"evaluate", gt.toString(), gt.toString(), "--landmarks-pred", bad.toString(), "--landmarks-gt", bad.toString()},
            {"evaluate", gt.toString(), dir.resolve("gt.ply").toString()},
        };
        for (String[] c : cases) {
            CliRun r = run(c);
            assertEquals(2, r.status(), String.join(" ", c) + " -> " + r.err());
            assertTrue(r.err().startsWith("face3d: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertEquals("", r.out());
        }
    }
}
