package io.face3d.cli;

import io.face3d.core.testing.PngChunks;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code face3d landmarks}: schema L out, bad inputs, several images, exit statuses. */
class LandmarksCommandTest {
    @TempDir
    static Path dir;
    static Path astronaut;

    @BeforeAll
    static void photo() throws IOException {
        RequiredAssets.require(Files.isRegularFile(ModelAssets.defaults().faceLandmark()), "MediaPipe models");
        astronaut = dir.resolve("astronaut.png");
        try (InputStream in = Files.newInputStream(Path.of("..", "face3d-vision", "src", "test", "resources", "astronaut.png"))) {
            Files.copy(in, astronaut);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void portraitGivesSchemaLWith68And468PointsAndAnOverlay() {
        Path json = dir.resolve("a.json"), png = dir.resolve("a.png");
        CliRun r = run("landmarks", astronaut.toString(), "-o", json.toString(), "--overlay", png.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        List<SchemaL.Document> docs = SchemaL.read(json);
        assertEquals(1, docs.size());
        SchemaL.Document d = docs.get(0);
        assertEquals(512, d.width());
        assertEquals(1, d.faces().size());
        SchemaL.Face f = d.faces().get(0);
        assertEquals(68, f.points().length);
        assertEquals(468, f.dense().length);
        assertEquals("mediapipe", f.detector());
        assertTrue(f.box()[2] > 50 && f.box()[2] < 150);
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void jsonGoesToStdoutWithoutOutputOption() {
        CliRun r = run("landmarks", astronaut.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"faces\""));
        assertTrue(r.err().contains("1 face"));
    }

    @Test
    void givenBoxIsUsed() throws IOException {
        Path json = dir.resolve("box.json");
        CliRun r = run("landmarks", astronaut.toString(), "--box", "175,70,100,100", "-o", json.toString());
        assertEquals(0, r.status(), r.err());
        SchemaL.Face f = SchemaL.read(json).get(0).faces().get(0);
        assertEquals(175, f.box()[0], 0);
        assertEquals(100, f.box()[3], 0);
    }

    @Test
    void onePixelImageHasNoFaces() throws IOException {
        Path one = dir.resolve("one.png");
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", one.toFile());
        Path json = dir.resolve("one.json");
        CliRun r = run("landmarks", one.toString(), "-o", json.toString());
        assertEquals(2, r.status(), r.err()); // no face: exit 2, its record still written (docs/cli-conventions.md)
        assertEquals(0, SchemaL.read(json).get(0).faces().size());
    }

    @Test
    void hugeImageIsRefusedClearlyBeforeDecoding() throws IOException {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, pngHeader(20000, 20000));
        Path json = dir.resolve("huge.json");
        CliRun r = run("landmarks", huge.toString(), "-o", json.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().contains("megapixels"), r.err());
        assertFalse(Files.exists(json), "nothing is written when every image failed");
    }

    @Test
    void badFilesAreReportedSkippedAndMakeExitTwo() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(astronaut.toFile()), "jpg", jpeg);
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, java.util.Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 3));
        Path json = dir.resolve("several.json");
        CliRun r = run("landmarks", astronaut.toString(), text.toString(), truncated.toString(), astronaut.toString(),
            "-o", json.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().contains("notes.png: error"), r.err());
        assertTrue(r.err().contains("2 of 4 inputs failed"), r.err());
        List<SchemaL.Document> docs = SchemaL.read(json);
        assertEquals(2, docs.size());
    }

    @Test
    void dlibRunsOnTheGivenBoxExactlyAndUnknownDetectorsAreRefused() throws IOException {
        Path out = dir.resolve("dlib.json");
        assertEquals(ExitCodes.OK, run("landmarks", astronaut.toString(), "--detector", "dlib", "--box",
            "175,76,91,91", "-o", out.toString()).status());
        double[] expected = io.face3d.vision.dlib.DlibShapePredictor.load(io.face3d.core.assets.ModelAssets.defaults())
            .predict(io.face3d.core.image.Images.read(astronaut),
                new io.face3d.vision.FaceBox(175, 76, 91, 91, 1, null));
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        assertEquals("L", doc.path("schema").asText());
        assertEquals(Provenance.SCHEMA_VERSION, doc.path("schema_version").asInt());
        assertEquals(Main.VERSION, doc.path("tool_version").asText());
        var face = doc.path("faces").path(0);
        assertTrue(face.path("detector_version").asText().startsWith("shape_predictor_68_face_landmarks.dat sha256:"),
            face.path("detector_version").asText());
        assertEquals(175, face.path("box").path(0).asDouble(), 1e-9);
        for (int i = 0; i < 68; i++) {
            assertEquals(expected[2 * i], face.path("points").path(i).path(0).asDouble(), 5.1e-4); // JSON keeps 3 decimals
            assertEquals(expected[2 * i + 1], face.path("points").path(i).path(1).asDouble(), 5.1e-4);
        }
        CliRun r = run("landmarks", astronaut.toString(), "--detector", "hog");
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().contains("unknown detector"));
        assertEquals(ExitCodes.BAD_INPUT, run("landmarks", astronaut.toString(), "--box", "1,2,3").status());
        assertEquals(ExitCodes.BAD_INPUT, run("landmarks", astronaut.toString(), "--box", "a,b,c,d").status());
    }

    @Test
    void readerRefusesMalformedFilesAndAcceptsMinimalOnes() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"faces\": [{\"points\": [[1, 2], [3, 4]]}]}");
        Face3dException e = assertThrows(Face3dException.class, () -> SchemaL.read(bad));
        assertTrue(e.getMessage().contains("malformed 'points'"));
        Files.writeString(bad, "{\"faces\": [");
        assertThrows(Face3dException.class, () -> SchemaL.read(bad));
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < 68; i++) {
            pts.append(i == 0 ? "" : ",").append("[").append(i).append(",").append(2 * i).append("]");
        }
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"faces\": [{\"points\": [" + pts + "]}]}");
        SchemaL.Document d = SchemaL.read(ok).get(0);
        assertEquals(null, d.image());
        assertEquals(134, d.faces().get(0).points()[67][1], 0);
        assertEquals(134, d.faces().get(0).flatPoints()[135], 0);
        assertFalse(SchemaL.toJson(List.of(d)).contains("flatPoints"));
    }

    /** A PNG signature and IHDR chunk declaring w x h, then IEND: enough for a reader to see the size. */
    static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        PngChunks.signature(o);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[]{8, 2, 0, 0, 0});
        PngChunks.chunk(o, "IHDR", ihdr.toByteArray());
        PngChunks.chunk(o, "IEND", new byte[0]);
        return b.toByteArray();
    }
}
