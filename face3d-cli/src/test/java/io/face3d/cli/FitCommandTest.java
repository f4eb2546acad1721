package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import io.face3d.fit.landmark.NoiseModel;
import io.face3d.fit.landmark.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path landmarkFile(Path dir, String name, double[] p) throws IOException {
        StringBuilder sb = new StringBuilder("{\"image\": null, \"width\": 640, \"height\": 640, \"faces\": "
            + "[{\"box\": [100, 100, 300, 300], \"score\": 1, \"points\": [");
        for (int i = 0; i < p.length / 2; i++) {
            sb.append(i > 0 ? "," : "").append('[').append(p[2 * i]).append(',').append(p[2 * i + 1]).append(']');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.append("]}]}").toString());
        return f;
    }

    @Test
    void fitsGoodFilesSkipsTheBadOneAndWritesSchemaR(@TempDir Path dir) throws IOException {
        MorphableModel model = TestModel.get();
        SyntheticFaces gen = new SyntheticFaces(model);
        Random rnd = new Random(1);
        Path a = landmarkFile(dir, "a.json", gen.draw(rnd, NoiseModel.DETECTOR_LIKE, 2).points());
        Path b = landmarkFile(dir, "b.json", gen.draw(rnd, NoiseModel.DETECTOR_LIKE, 2).points());
        Path bad = landmarkFile(dir, "bad.json", new double[20]);
        Path out = dir.resolve("out");
        int code = CliRun.run("fit", a.toString(), bad.toString(), b.toString(), "-o", out.toString()).status();
        assertEquals(ExitCodes.BAD_INPUT, code);
        assertFalse(Files.exists(out.resolve("bad.json")));
        for (String s : new String[] {"a", "b"}) {
            assertTrue(Files.exists(out.resolve(s + ".obj")));
            JsonNode face = JSON.readTree(out.resolve(s + ".json").toFile()).get("faces").get(0);
            assertEquals(68, face.get("fitted_points").size());
            assertEquals(68, face.get("landmarks3d").size());
            assertEquals(100, face.get("identity").size());
            assertEquals(model.expressionCount(), face.get("expression").size());
            assertEquals("sop", face.get("pose").get("camera").asText());
            assertEquals(s + ".obj", face.get("mesh").asText());
            assertTrue(face.get("timing_ms").get("total").asDouble() > 0);
        }
    }

    @Test
    void personFitWritesPersonJsonWithOneSharedIdentity(@TempDir Path dir) throws IOException {
        MorphableModel model = TestModel.get();
        SyntheticFaces gen = new SyntheticFaces(model);
        Random rnd = new Random(2);
        SyntheticFaces.Face f = gen.draw(rnd, NoiseModel.DETECTOR_LIKE, 0, 0);
        Path a = landmarkFile(dir, "a.json", f.points());
        Path b = landmarkFile(dir, "b.json", gen.render(f.identity(), f.expression(),
            io.face3d.core.geom.Pose.sop(io.face3d.core.geom.Rotation.fromEulerDegrees(30, 0, 0), 1.5, 320, 320),
            rnd, NoiseModel.DETECTOR_LIKE).points());
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.run("fit", "--person", a.toString(), b.toString(), "-o", out.toString()).status());
        JsonNode person = JSON.readTree(out.resolve("person.json").toFile()).get("faces").get(0);
        JsonNode ia = JSON.readTree(out.resolve("a.json").toFile()).get("faces").get(0).get("identity");
        assertEquals(ia, person.get("identity"));
        assertTrue(Files.exists(out.resolve("person.obj")));
    }

    /**
     * Without flags the fit estimates the noise and says so; a detector field naming dlib selects dlib's calibrated
     * convention and measured noise; --fixed-noise without --noise is a usage error.
     */
    @Test
    void noiseIsEstimatedReportedAndTheDetectorFieldRead(@TempDir Path dir) throws IOException {
        SyntheticFaces gen = new SyntheticFaces(TestModel.get());
        Path a = landmarkFile(dir, "a.json", gen.draw(new Random(5), NoiseModel.CLEAN, 1).points());
        Path b = dir.resolve("b.json");
        Files.writeString(b, Files.readString(a).replaceFirst("\\{", "{\"detector\": \"dlib\", "));
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.run("fit", a.toString(), b.toString(), "-o", out.toString()).status());
        JsonNode na = JSON.readTree(out.resolve("a.json").toFile()).get("faces").get(0).get("noise");
        assertEquals("estimated", na.get("source").asText());
        // clean 0.5% points: the estimate comes down from the detector-like start (5%) to below 1.5%
        assertTrue(na.get("eyes").asDouble() < 0.015, "settled " + na);
        JsonNode nb = JSON.readTree(out.resolve("b.json").toFile()).get("faces").get(0).get("noise");
        assertEquals("dlib", nb.get("source").asText());
        assertEquals(ExitCodes.BAD_INPUT, CliRun.run("fit", "--fixed-noise", a.toString(), "-o",
            out.toString()).status());
        assertEquals(0, CliRun.run("fit", "--noise", "clean", "--fixed-noise", a.toString(), "-o",
            dir.resolve("fixed").toString()).status());
        JsonNode nf = JSON.readTree(dir.resolve("fixed").resolve("a.json").toFile()).get("faces").get(0).get("noise");
        assertEquals("clean", nf.get("source").asText());
    }
}
