package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiftCommandTest {
    /** A schema-L file with the mean face's landmarks seen from the front, 3 px per mm. */
    private static Path landmarks(Path dir, String name) throws Exception {
        float[] m = TestModel.get().evaluate(null, null, TestModel.get().landmarks68());
        StringBuilder b = new StringBuilder("{\"image\": null, \"width\": 1000, \"height\": 1000, \"extra\": 1, \"faces\": [{\"box\": [0, 0, 1, 1], \"score\": 1, \"points\": [");
        for (int i = 0; i < 68; i++) {
            b.append(i > 0 ? "," : "").append('[').append(500 + 3 * m[3 * i]).append(',').append(500 - 3 * m[3 * i + 1]).append(']');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b.append("]}]}").toString());
        return f;
    }

    @Test
    void liftsEveryFaceOfEveryFileIntoSchemaL(@TempDir Path dir) throws Exception {
        Path a = landmarks(dir, "a.json"), b = landmarks(dir, "b.json"), out = dir.resolve("out");
        for (String method : new String[] {"mds", "regress", "model"}) {
            assertEquals(0, CliRun.run("lift", a.toString(), b.toString(), "--method", method, "-o", out.toString()).status());
            JsonNode r = new ObjectMapper().readTree(out.resolve("a.lift.json").toFile());
            JsonNode face = r.get("faces").get(0);
            assertEquals(68, face.get("points3d").size());
            assertEquals("px", face.get("points3d_units").asText());
            assertEquals(1, r.get("extra").asInt());
            // frontal face: the nose tip (30) is closer to the camera (smaller z) than the outer eye corners
            double noseZ = face.get("points3d").get(30).get(2).asDouble();
            assertTrue(noseZ < face.get("points3d").get(36).get(2).asDouble() - 30, method + " nose z " + noseZ);
            assertTrue(Files.exists(out.resolve("b.lift.json")));
        }
    }

    @Test
    void badInputIsAUserErrorWritingNothing(@TempDir Path dir) throws Exception {
        Path a = landmarks(dir, "a.json"), out = dir.resolve("o.json");
        assertEquals(2, CliRun.run("lift", a.toString(), "--method", "nope", "-o", out.toString()).status());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"faces\": [{\"points\": [[1, 2]]}]}");
        assertEquals(2, CliRun.run("lift", bad.toString(), "-o", out.toString()).status());
        assertEquals(2, CliRun.run("lift", a.toString(), bad.toString(), "-o", dir.resolve("many").toString()).status());
        assertFalse(Files.exists(out));
        // batch semantics: the bad input is reported, the good one written
        assertTrue(Files.exists(dir.resolve("many").resolve("a.lift.json")));
        assertFalse(Files.exists(dir.resolve("many").resolve("bad.lift.json")));
    }

    /** Faces of [null], null coordinates, a file path under a file: exit 2 with one line, never a trace. */
    @Test
    void nullsAndImpossibleOutputsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path nullFace = Files.writeString(dir.resolve("n.json"), "{\"faces\": [null]}");
        Path nullPoint = Files.writeString(dir.resolve("p.json"), "{\"faces\": [{\"points\": [[null, null]]}]}");
        Path a = landmarks(dir, "a.json");
        for (Path in : new Path[] {nullFace, nullPoint}) {
            CliRun r = CliRun.run("lift", in.toString());
            assertEquals(2, r.status(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        CliRun r = CliRun.run("lift", a.toString(), "-o", a.resolve("out.json").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
    }
}
