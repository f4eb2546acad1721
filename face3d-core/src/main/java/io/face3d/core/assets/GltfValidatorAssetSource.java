package io.face3d.core.assets;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The Khronos glTF validator ({@code gltf_validator.dart.js} of the pinned npm package {@code gltf-validator}, run
 * by Node.js), with which the tests check every GLB face3d writes. Optional: the commands do not need it.
 */
public final class GltfValidatorAssetSource implements AssetSource {
    public static final String PACKAGE = "gltf-validator@2.0.0-dev.3.10";
    public static final String FILE = "gltf_validator.dart.js";
    public static final String SHA256 = "b73a7b2d455ac217567725138b46d826a13d7d1bb0c88c15f7c571bfb349298c";
    static final String LICENSE = """
        gltf_validator.dart.js

        gltf-validator 2.0.0-dev.3.10 (Copyright The Khronos Group Inc.), installed by face3d setup from the npm
        package, licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
        """;

    private final PackageFetcher fetcher;

    public GltfValidatorAssetSource() {
        this(new NpmPack());
    }

    /** Another fetcher (tests). */
    public GltfValidatorAssetSource(PackageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Where setup installs the validator script under the models folder. */
    public static Path script(Path modelsDir) {
        return modelsDir.resolve("tools").resolve("gltf-validator").resolve(FILE);
    }

    @Override
    public String name() {
        return "glTF validator";
    }

    @Override
    public void install(Path modelsDir, Consumer<String> report) {
        new NpmFile(fetcher, PACKAGE, "package/" + FILE, SHA256, ".npm-gltf-")
            .install(modelsDir, script(modelsDir), LICENSE, report);
    }

    @Override
    public boolean optional() {
        return true;
    }
}
