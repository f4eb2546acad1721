package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.testing.RequiredAssets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code face3d reconstruct} on the repository's example photo: files written, schema R, flag errors. */
class ReconstructCommandTest {
    @TempDir
    static Path dir;
    static Path astronaut;

    @BeforeAll
    static void photo() {
        RequiredAssets.require(Files.isRegularFile(ModelAssets.defaults().faceLandmark()), "MediaPipe models");
        astronaut = Path.of(System.getProperty("face3d.repo", ".."), "examples", "astronaut.png");
        assertTrue(Files.isRegularFile(astronaut), astronaut.toString());
    }

    @Test
    void landmarkMethodWritesSchemaRTheMeshesAndTheOverlay() throws IOException {
        Path out = dir.resolve("landmarks");
        CliRun r = CliRun.run("reconstruct", astronaut.toString(), "-o", out.toString(), "--formats", "obj,ply",
            "--threads", "1");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("1 face"), r.err());
        for (String f : new String[] {"astronaut.json", "astronaut.obj", "astronaut.ply", "astronaut_overlay.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode doc = new ObjectMapper().readTree(out.resolve("astronaut.json").toFile());
        assertEquals(512, doc.get("width").asInt(), doc.toString());
        assertEquals(1, doc.get("faces").size());
        JsonNode face = doc.get("faces").get(0);
        assertEquals("mediapipe", face.get("detector").asText());
        assertFalse(face.has("photometric"));
        // the astronaut looks almost straight at the camera
        assertTrue(Math.abs(face.get("pose").get("yaw").asDouble()) < 25, face.get("pose").toString());
    }

    @Test
    void flagsOfThePhotometricMethodWithoutItAreABadInput() {
        CliRun r = CliRun.run("reconstruct", astronaut.toString(), "-o", dir.resolve("bad").toString(), "--save-mask");
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().contains("--method photometric"), r.err());
    }

    @Test
    void unknownMethodNamesTheChoices() {
        CliRun r = CliRun.run("reconstruct", astronaut.toString(), "-o", dir.resolve("bad").toString(), "--method", "x");
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().contains("photometric"), r.err());
    }
}
