package io.face3d.core.assets;

import java.nio.file.Path;
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
        new NpmFile(fetcher, PACKAGE, "package/dist/" + FILE, sha256, ".npm-web-")
            .install(modelsDir, script(modelsDir), LICENSE, report);
    }
}
