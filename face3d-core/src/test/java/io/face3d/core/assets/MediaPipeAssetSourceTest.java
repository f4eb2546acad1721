package io.face3d.core.assets;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MediaPipe extraction on synthetic npm packages laid out like the pinned ones (no network). */
class MediaPipeAssetSourceTest {
    @TempDir
    Path tmp;

    private final Random rnd = new Random(11);
    private byte[] landmark;
    private byte[] shortRange;
    private byte[] fullRange;
    private Path meshTgz;
    private Path detectionTgz;
    private final List<String> fetched = new ArrayList<>();

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @BeforeEach
    void packages() throws IOException {
        byte[] before = random(1000);
        landmark = random(3000);
        byte[] after = random(700);
        byte[] data = new byte[before.length + landmark.length + after.length];
        System.arraycopy(before, 0, data, 0, before.length);
        System.arraycopy(landmark, 0, data, before.length, landmark.length);
        System.arraycopy(after, 0, data, before.length + landmark.length, after.length);
        String loader = "var Module = {};\n(function() { var x = [1, 2]; })();\nloadPackage({\"files\": [{\"filename\": "
            + "\"/third_party/mediapipe/modules/face_landmark/face_landmark_with_attention.tflite\", \"start\": 0, "
            + "\"end\": 1000}, {\"filename\": \"" + MediaPipeAssetSource.PACKED_LANDMARK + "\", \"start\": 1000, "
            + "\"end\": 4000}, {\"filename\": \"/other.binarypb\", \"start\": 4000, \"end\": 4700}], "
            + "\"remote_package_size\": 4700, \"package_uuid\": \"x\"});\n})();\n";
        Map<String, byte[]> mesh = new LinkedHashMap<>();
        mesh.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        mesh.put(MediaPipeAssetSource.PACKED_LOADER, loader.getBytes(StandardCharsets.UTF_8));
        mesh.put(MediaPipeAssetSource.PACKED_DATA, data);
        meshTgz = tmp.resolve("mesh.tgz");
        TarGzWriter.write(meshTgz, mesh);
        shortRange = random(513);
        fullRange = random(2048);
        Map<String, byte[]> det = new LinkedHashMap<>();
        det.put("package/face_detection_short_range.tflite", shortRange);
        det.put("package/README.md", random(10));
        det.put("package/face_detection_full_range.tflite", fullRange);
        detectionTgz = tmp.resolve("det.tgz");
        TarGzWriter.write(detectionTgz, det);
    }

    private Map<String, String> checksums() {
        return Map.of("face_landmark.tflite", AssetFiles.sha256(landmark),
            "face_detection_short_range.tflite", AssetFiles.sha256(shortRange),
            "face_detection_full_range.tflite", AssetFiles.sha256(fullRange));
    }

    private MediaPipeAssetSource source(Map<String, String> sha) {
        return new MediaPipeAssetSource((spec, dir) -> {
            fetched.add(spec);
            Path src = spec.equals(MediaPipeAssetSource.FACE_MESH_PACKAGE) ? meshTgz : detectionTgz;
            Path out = dir.resolve(src.getFileName());
            try {
                Files.copy(src, out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }, sha);
    }

    @Test
    void extractsTheLandmarkModelsByteRangeAndTheDetectorsThenSkipsThem() throws IOException {
        Path models = tmp.resolve("models");
        List<String> lines = new ArrayList<>();
        source(checksums()).install(models, lines::add);
        assertArrayEquals(landmark, Files.readAllBytes(models.resolve("mediapipe/face_landmark.tflite")));
        assertArrayEquals(shortRange, Files.readAllBytes(models.resolve("mediapipe/face_detection_short_range.tflite")));
        assertArrayEquals(fullRange, Files.readAllBytes(models.resolve("mediapipe/face_detection_full_range.tflite")));
        assertTrue(Files.readString(models.resolve("mediapipe/LICENSE")).contains("Apache License, Version 2.0"));
        assertEquals(2, fetched.size());
        assertTrue(lines.get(0).contains("bytes 1000-4000"), lines.get(0));
        try (var s = Files.list(models)) {
            assertEquals(List.of("mediapipe"), s.map(p -> p.getFileName().toString()).toList(), "temp folder removed");
        }

        lines.clear();
        source(checksums()).install(models, lines::add);
        assertEquals(2, fetched.size(), "verified files are not fetched again");
        assertEquals(3, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.contains("ok (sha256 verified)")), lines.toString());
    }

    @Test
    void aChecksumMismatchNamesTheFileAndInstallsNothing() {
        Map<String, String> sha = new LinkedHashMap<>(checksums());
        sha.put("face_landmark.tflite", "0".repeat(64));
        Path models = tmp.resolve("models");
        Face3dException e = assertThrows(Face3dException.class, () -> source(sha).install(models, l -> { }));
        assertTrue(e.getMessage().startsWith("face_landmark.tflite from npm @mediapipe/face_mesh"), e.getMessage());
        assertTrue(e.getMessage().contains("run `npm cache clean --force`"), e.getMessage());
        assertTrue(Files.notExists(models.resolve("mediapipe/face_landmark.tflite")));
    }

    @Test
    void missingNpmSaysHowToInstallIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Face3dException e = assertThrows(Face3dException.class,
            () -> new NpmPack(tmp.resolve("no-such-npm").toString()).fetch("x@1", dir));
        assertTrue(e.getMessage().startsWith("npm is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y npm"), e.getMessage());
    }

    @Test
    void packedRangeReadsTheLoadersFileList() {
        String js = "loadPackage({\"files\": [{\"filename\": \"/a.tflite\", \"start\": 0, \"end\": 5}, "
            + "{\"filename\": \"/b.tflite\", \"start\": 5, \"end\": 17}], \"remote_package_size\": 17});";
        assertEquals("[5, 17]", Arrays.toString(MediaPipeAssetSource.packedRange(js, "/b.tflite")));
        assertThrows(Face3dException.class, () -> MediaPipeAssetSource.packedRange(js, "/c.tflite"));
        assertThrows(Face3dException.class, () -> MediaPipeAssetSource.packedRange("var x = 1;", "/b.tflite"));
    }
}
