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
        assertProvenance(doc);
        assertListsEveryOtherFile(doc, out);
        JsonNode face = doc.get("faces").get(0);
        assertEquals("mediapipe", face.get("detector").asText());
        assertTrue(face.get("detector_version").asText().contains("@mediapipe/face_mesh@"), face.toString());
        assertFalse(face.has("photometric"));
        // the astronaut looks almost straight at the camera
        assertTrue(Math.abs(face.get("pose").get("yaw").asDouble()) < 25, face.get("pose").toString());
    }

    /** Every mesh format, the textured meshes (the GLB with its texture, valid glTF), the mask: all listed. */
    @Test
    void photometricMethodListsEveryFileAndItsGlbCarriesTheTexture() throws Exception {
        Path out = dir.resolve("photometric");
        CliRun r = CliRun.run("reconstruct", astronaut.toString(), "-o", out.toString(), "--method", "photometric",
            "--formats", "obj,ply,stl,glb", "--save-mask", "--threads", "1");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(out.resolve("astronaut.json").toFile());
        assertProvenance(doc);
        assertListsEveryOtherFile(doc, out);
        java.util.Set<String> files = new java.util.HashSet<>();
        doc.get("files").forEach(f -> files.add(f.asText()));
        for (String f : new String[] {"astronaut.obj", "astronaut.ply", "astronaut.stl", "astronaut.glb",
            "astronaut_overlay.png", "astronaut_textured.obj", "astronaut_textured.mtl", "astronaut_textured_texture.png",
            "astronaut_textured.glb", "astronaut_rendered.png", "astronaut_residual.png", "astronaut_mask.png"}) {
            assertTrue(files.contains(f), f + " not in " + files);
        }
        assertStagesAddUp(doc.get("faces").get(0).get("timing_ms"));
        Path glb = out.resolve("astronaut_textured.glb");
        String json = new String(Files.readAllBytes(glb), 20, 3000, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(json.contains("TEXCOORD_0") && json.contains("\"images\"") && json.contains("image/png"),
            "the texture is embedded: " + json);
        for (String f : new String[] {"astronaut.glb", "astronaut_textured.glb"}) {
            io.face3d.core.testing.GltfValidator.Verdict v = io.face3d.core.testing.GltfValidator.validate(out.resolve(f));
            assertEquals(0, v.errors(), f + ": " + v.messages());
        }
    }

    /**
     * The photo's stages add up to its wall time, the write stages to the writing, and each face's photometric
     * stages are all timed (within 1% of the total for the stages, 0.01 ms for the write stages).
     */
    static void assertStagesAddUp(JsonNode t) {
        double parts = t.get("read").asDouble() + t.get("detect").asDouble() + t.get("fit_all_faces").asDouble()
            + t.get("photometric_all_faces").asDouble() + t.get("write").asDouble();
        // the reconstructor's own bookkeeping between its stages (progress callbacks) is in total, not in a stage
        assertEquals(t.get("total").asDouble(), parts, 0.01 * t.get("total").asDouble(), t.toString());
        double[] writes = {0};
        t.get("write_stages").forEach(v -> writes[0] += v.asDouble());
        assertEquals(t.get("write").asDouble(), writes[0], 0.01, t.toString());
        for (String stage : new String[] {"landmark_fit", "cross_check", "occlusion_loop", "occlusion_masks", "guard"}) {
            assertTrue(t.get("face_stages").get(stage).asDouble() >= 0, stage + " in " + t);
        }
        assertTrue(t.get("write_stages").has("textured_mesh_with_completion") && t.get("write_stages").has("overlay"),
            t.toString());
    }

    static void assertProvenance(JsonNode doc) {
        assertEquals("R", doc.get("schema").asText());
        assertEquals(Provenance.SCHEMA_VERSION, doc.get("schema_version").asInt());
        assertEquals("face3d", doc.get("tool").asText());
        assertEquals(Main.VERSION, doc.get("tool_version").asText());
        assertTrue(doc.get("model_version").asText().matches("sha256:[0-9a-f]{16}"), doc.get("model_version").asText());
    }

    /** The JSON's "files" are exactly the other files of the output folder (one input was written there). */
    static void assertListsEveryOtherFile(JsonNode doc, Path out) throws IOException {
        java.util.List<String> listed = new java.util.ArrayList<>();
        doc.get("files").forEach(f -> listed.add(f.asText()));
        java.util.List<String> present;
        try (var s = Files.list(out)) {
            present = s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")).sorted().toList();
        }
        assertEquals(present, listed);
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
