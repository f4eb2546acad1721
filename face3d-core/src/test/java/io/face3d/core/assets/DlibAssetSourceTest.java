package io.face3d.core.assets;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DlibAssetSourceTest {
    @TempDir
    Path tmp;

    @Test
    void copiesVerifiesWritesTheLicenceAndSkipsWhenVerified() throws IOException {
        byte[] content = "not really a shape predictor".getBytes();
        Path src = Files.write(tmp.resolve("sp.dat"), content);
        Path models = tmp.resolve("models");
        Files.createDirectories(models.resolve("dlib"));
        Path leftover = Files.write(models.resolve("dlib/.shape_predictor_68_face_landmarks.dat.99.part"), new byte[3]);
        DlibAssetSource s = new DlibAssetSource(src, AssetFiles.sha256(content));
        List<String> lines = new ArrayList<>();
        s.install(models, lines::add);
        assertArrayEquals(content, Files.readAllBytes(models.resolve("dlib/shape_predictor_68_face_landmarks.dat")));
        assertTrue(lines.get(0).contains("copied from " + src), lines.get(0));
        assertTrue(Files.readString(models.resolve("dlib/LICENSE")).contains("non-commercial"));
        assertTrue(Files.notExists(leftover), "an interrupted setup's temporary file is removed");
        lines.clear();
        s.install(models, lines::add);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith("ok (sha256 verified)"), lines.get(0));
    }

    @Test
    void missingDebianFileNamesThePackage() {
        DlibAssetSource s = new DlibAssetSource(tmp.resolve("absent.dat"), DlibAssetSource.SHA256);
        Face3dException e = assertThrows(Face3dException.class, () -> s.install(tmp.resolve("m"), l -> { }));
        assertTrue(e.getMessage().contains("apt-get install -y libdlib-data"), e.getMessage());
    }

    @Test
    void mismatchLeavesNoFile() throws IOException {
        Path src = Files.write(tmp.resolve("sp.dat"), new byte[] {1, 2, 3});
        DlibAssetSource s = new DlibAssetSource(src, DlibAssetSource.SHA256);
        Face3dException e = assertThrows(Face3dException.class, () -> s.install(tmp.resolve("m"), l -> { }));
        assertTrue(e.getMessage().startsWith("shape_predictor_68_face_landmarks.dat from " + src + " has sha256"),
            e.getMessage());
        try (var files = Files.list(tmp.resolve("m/dlib"))) {
            assertEquals(0, files.count(), "neither the file nor a temporary is left");
        }
    }
}
