package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One file taken out of a pinned npm package and checked against its sha256: the install shared by the sources
 * that need a single script from npm.
 *
 * @param spec       the package and version, e.g. {@code gltf-validator@2.0.0-dev.3.10}
 * @param entry      the file's name in the archive, e.g. {@code package/gltf_validator.dart.js}
 * @param tempPrefix prefix of the temporary folder under the models folder (removed if a run was killed)
 */
record NpmFile(PackageFetcher fetcher, String spec, String entry, String sha256, String tempPrefix) {
    /** Verifies {@code target}, or fetches the package and installs the entry there; then writes the licence. */
    void install(Path modelsDir, Path target, String license, Consumer<String> report) {
        AssetFiles.removeLeftovers(target.getParent());
        AssetFiles.removeTempDirs(modelsDir, tempPrefix);
        if (AssetFiles.verified(target, sha256)) {
            report.accept(AssetFiles.line(modelsDir, target, "ok (sha256 verified)"));
        } else {
            Path tmp = AssetFiles.createTempDir(modelsDir, tempPrefix);
            try {
                Path tgz = fetcher.fetch(spec, tmp);
                byte[] data = TarGz.read(tgz, Set.of(entry)).get(entry);
                if (data == null) {
                    throw new Face3dException("npm package " + spec + " lacks " + entry + ": run "
                        + "`npm cache clean --force` and ./face3d setup again");
                }
                String origin = "npm " + spec + " (" + entry + ")";
                AssetFiles.install(target, sha256, origin, "the npm package differs from the pinned version; run "
                    + "`npm cache clean --force` and ./face3d setup again", t -> Files.write(t, data));
                report.accept(AssetFiles.line(modelsDir, target, "extracted from " + origin + ", sha256 verified"));
            } finally {
                AssetFiles.deleteTree(tmp);
            }
        }
        AssetFiles.writeText(target.resolveSibling("LICENSE"), license);
    }
}
