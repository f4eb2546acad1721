package io.face3d.core.assets;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IctAssetSourceTest {
    @TempDir
    Path tmp;

    private static Path compact() {
        return ModelAssets.sharedIct().orElseThrow();
    }

    @Test
    void copiesTheCompactLayoutVerifiedAndIsIdempotent() {
        Path models = tmp.resolve("models");
        List<String> lines = new ArrayList<>();
        IctAssetSource s = new IctAssetSource(null, compact(), IctAssetSource.SHA256);
        s.install(models, lines::add);
        assertEquals(IctAssetSource.SHA256.size() + 1, lines.size());
        assertTrue(lines.get(0).contains("copied from " + compact()), lines.get(0));
        for (Map.Entry<String, String> e : IctAssetSource.SHA256.entrySet()) {
            assertEquals(e.getValue(), AssetFiles.sha256(models.resolve("ict-face-light").resolve(e.getKey())));
        }
        lines.clear();
        s.install(models, lines::add);
        assertTrue(lines.stream().allMatch(l -> l.contains(" ok (")), lines.toString());
    }

    @Test
    void aMismatchNamesTheFileAndTheFix() {
        Map<String, String> sha = new LinkedHashMap<>(IctAssetSource.SHA256);
        sha.put("uv.f32", "1".repeat(64));
        Path models = tmp.resolve("models");
        Face3dException e = assertThrows(Face3dException.class,
            () -> new IctAssetSource(null, compact(), sha).install(models, l -> { }));
        assertTrue(e.getMessage().startsWith("uv.f32 from " + compact().resolve("uv.f32") + " has sha256"), e.getMessage());
        assertTrue(e.getMessage().contains("restore it"), e.getMessage());
        assertFalse(Files.exists(models.resolve("ict-face-light/uv.f32")));
    }

    @Test
    void withNeitherSourceSaysHowToGetIctFaceKit() {
        Face3dException e = assertThrows(Face3dException.class,
            () -> new IctAssetSource(null, null, IctAssetSource.SHA256).install(tmp.resolve("m"), l -> { }));
        assertTrue(e.getMessage().contains("git clone https://github.com/ICT-VGL/ICT-FaceKit"), e.getMessage());
        assertTrue(e.getMessage().contains("FACE3D_ICT_DIR"), e.getMessage());
    }

    @Test
    void aPartialUpstreamCheckoutFailsCleanly() throws IOException {
        Path models = tmp.resolve("models");
        Path upstream = compact().resolve("upstream-sample");
        Face3dException e = assertThrows(Face3dException.class,
            () -> new IctAssetSource(upstream, null, IctAssetSource.SHA256).install(models, l -> { }));
        assertTrue(e.getMessage().contains("is not a complete ICT-FaceKit FaceXModel folder"), e.getMessage());
        try (var s = Files.list(models)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".ict-import-")).count(),
                "the staging folder is removed");
        }
    }

    @Test
    void installerWritesTheMarkerOnlyWhenEverySourceSucceeds() {
        ModelAssets assets = new ModelAssets(tmp);
        AssetSource good = new AssetSource() {
            @Override
            public String name() {
                return "good";
            }

            @Override
            public void install(Path modelsDir, java.util.function.Consumer<String> report) {
                report.accept("fine");
            }
        };
        AssetSource bad = new AssetSource() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public void install(Path modelsDir, java.util.function.Consumer<String> report) {
                throw new Face3dException("tool X is missing: install X");
            }
        };
        AssetInstaller.Result ok = new AssetInstaller(assets, List.of(good)).run(l -> { });
        assertTrue(ok.ok());
        assertTrue(Files.isRegularFile(assets.setupMarker()));
        List<String> lines = new ArrayList<>();
        AssetInstaller.Result r = new AssetInstaller(assets, List.of(bad, good)).run(lines::add);
        assertEquals(List.of("bad: tool X is missing: install X"), r.problems());
        assertEquals(List.of("fine"), lines, "later sources still run");
        assertFalse(Files.exists(assets.setupMarker()));
    }

    /** A machine without libdlib-data: setup succeeds (dlib is optional) and names the one-line way to add it. */
    @Test
    void missingDlibIsANoteNotAFailure(@TempDir Path home) {
        ModelAssets assets = new ModelAssets(home);
        AssetSource dlib = new DlibAssetSource(home.resolve("no-such.dat"), DlibAssetSource.SHA256);
        AssetInstaller.Result r = new AssetInstaller(assets, List.of(dlib)).run(l -> { });
        assertTrue(r.ok(), String.valueOf(r.problems()));
        assertTrue(Files.isRegularFile(assets.setupMarker()));
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).contains("apt-get install -y libdlib-data"), r.notes().get(0));
    }
}
