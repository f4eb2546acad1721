package io.face3d.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ICT-FaceKit Light model in the compact layout, from (first that exists) an upstream checkout named by
 * {@code FACE3D_ICT_DIR} (converted by {@link IctUpstreamImporter}), or the compact copy beside the source tree
 * ({@code <repo>/../shared/models/ict-face-light}). Either way the installed arrays must match the pinned sha256
 * (the importer reproduces the compact files bit for bit).
 */
public final class IctAssetSource implements AssetSource {
    /** Pinned sha256 of each verified file (same values as the arrays of the published manifest.json). */
    public static final Map<String, String> SHA256 = pinned();

    static final String HOW_TO_GET = "get ICT-FaceKit (MIT licence) with `git clone "
        + "https://github.com/ICT-VGL/ICT-FaceKit`, set FACE3D_ICT_DIR to the checkout and run ./face3d setup again";

    private final Path upstream;
    private final Path compact;
    private final Map<String, String> sha256;

    /**
     * @param upstream an ICT-FaceKit checkout, or null
     * @param compact  a compact-layout folder to copy, or null
     * @param sha256   expected checksum of each file to install (file name to hex)
     */
    public IctAssetSource(Path upstream, Path compact, Map<String, String> sha256) {
        this.upstream = upstream;
        this.compact = compact;
        this.sha256 = new LinkedHashMap<>(sha256);
    }

    /** {@code FACE3D_ICT_DIR} if set, else the shared compact copy if found. */
    public static IctAssetSource fromEnvironment() {
        String env = System.getenv("FACE3D_ICT_DIR");
        Path up = env != null && !env.isBlank() ? Paths.get(env) : null;
        return new IctAssetSource(up, up != null ? null : ModelAssets.sharedIct().orElse(null), SHA256);
    }

    private static Map<String, String> pinned() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mean.f32", "7eee33ee1008c9f249f89279813b4b409b6e79043afabcc10bd48fe2433f2c79");
        m.put("identity.f32", "cb258945e7b128bc0664e20788d55319268a16971f6480e6ca50d3ee3b1c73f0");
        m.put("expression.f32", "917dd51f3a3c82ebda2ccf37b8eca557a8753dc4b594f11acec5afa04eb84fa1");
        m.put("triangles.i32", "8ab3c6fcb4f97d57fc9b5b6377ad687730ad039f558357f5cf16257cccf0a93b");
        m.put("triangle_uv.i32", "8064589b56cd23db551cd8aa20ba329c45b13dd3cf77c1c0ea15805e8ed6a169");
        m.put("uv.f32", "700440143151b836d41bf648aa9d176bdd782ad86bd85674726ed75de7513d02");
        m.put("triangle_polygon.i32", "2f4156d89a0dfc8dbbd73bd4d44c17b6a9de736d6b6d4cd496cd3c7bfb89e66d");
        m.put("vertex_indices.json", "4f9b35306299980dd46bee4a6b79bb95dfae1953693b74b35a64f7febfd081a5");
        m.put("LICENSE.txt", "b20a78d8fc51657e14f3e00c8abb538d786ad00aa63210328c22565e583167e1");
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String name() {
        return "ICT face model";
    }

    @Override
    public void install(Path modelsDir, Consumer<String> report) {
        Path dir = modelsDir.resolve("ict-face-light");
        AssetFiles.removeLeftovers(dir);
        AssetFiles.removeTempDirs(modelsDir, ".ict-import-");
        Path manifest = dir.resolve("manifest.json");
        boolean allOk = sha256.entrySet().stream().allMatch(e -> AssetFiles.verified(dir.resolve(e.getKey()), e.getValue()))
            && manifestProblem(manifest) == null;
        if (allOk) {
            sha256.keySet().forEach(f -> report.accept(AssetFiles.line(modelsDir, dir.resolve(f), "ok (sha256 verified)")));
            report.accept(AssetFiles.line(modelsDir, manifest, "ok (lists the pinned checksums)"));
            return;
        }
        if (upstream != null) {
            importUpstream(modelsDir, dir, report);
        } else if (compact != null) {
            copyCompact(modelsDir, dir, report);
        } else {
            throw new Face3dException("the ICT face model was not found (FACE3D_ICT_DIR is not set and there is no "
                + "../shared/models/ict-face-light beside the repository): " + HOW_TO_GET);
        }
    }

    private void importUpstream(Path modelsDir, Path dir, Consumer<String> report) {
        if (!Files.isDirectory(upstream)) {
            throw new Face3dException("FACE3D_ICT_DIR=" + upstream + " is not a folder: " + HOW_TO_GET);
        }
        IctUpstreamImporter importer = new IctUpstreamImporter(upstream);
        Path staging = AssetFiles.createTempDir(modelsDir, ".ict-import-");
        try {
            importer.importTo(staging);
            if (!Files.isRegularFile(staging.resolve("LICENSE.txt"))) {
                throw new Face3dException("ICT-FaceKit's LICENSE file is missing from " + upstream
                    + ": use a complete checkout of github.com/ICT-VGL/ICT-FaceKit (the MIT licence must stay with "
                    + "the model)");
            }
            String origin = "FACE3D_ICT_DIR " + importer.faceXModelDir();
            String fix = "FACE3D_ICT_DIR holds a different ICT-FaceKit version; check out commit da5f95a607f5 of "
                + "github.com/ICT-VGL/ICT-FaceKit and run ./face3d setup again";
            for (Map.Entry<String, String> e : sha256.entrySet()) {
                Path staged = staging.resolve(e.getKey());
                AssetFiles.install(dir.resolve(e.getKey()), e.getValue(), origin, fix,
                    tmp -> Files.move(staged, tmp, StandardCopyOption.REPLACE_EXISTING));
                report.accept(AssetFiles.line(modelsDir, dir.resolve(e.getKey()),
                    "imported from " + origin + " (sha256 verified)"));
            }
            installManifest(modelsDir, dir, staging.resolve("manifest.json"), origin, report);
        } finally {
            AssetFiles.deleteTree(staging);
        }
    }

    private void copyCompact(Path modelsDir, Path dir, Consumer<String> report) {
        String fix = "the copy in " + compact + " is damaged or another version; restore it (or set FACE3D_ICT_DIR "
            + "to an ICT-FaceKit checkout) and run ./face3d setup again";
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            Path target = dir.resolve(e.getKey());
            if (AssetFiles.verified(target, e.getValue())) {
                report.accept(AssetFiles.line(modelsDir, target, "ok (sha256 verified)"));
                continue;
            }
            Path src = compact.resolve(e.getKey());
            if (!Files.isRegularFile(src)) {
                throw new Face3dException(src + " is missing: " + fix);
            }
            AssetFiles.install(target, e.getValue(), src.toString(), fix,
                tmp -> Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING));
            report.accept(AssetFiles.line(modelsDir, target, "copied from " + compact + " (sha256 verified)"));
        }
        installManifest(modelsDir, dir, compact.resolve("manifest.json"), compact.toString(), report);
    }

    private void installManifest(Path modelsDir, Path dir, Path src, String origin, Consumer<String> report) {
        String problem = manifestProblem(src);
        if (problem != null) {
            throw new Face3dException(src + " " + problem + ": restore the model's manifest.json and run ./face3d "
                + "setup again");
        }
        Path target = dir.resolve("manifest.json");
        AssetFiles.install(target, null, origin, "", tmp -> Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING));
        report.accept(AssetFiles.line(modelsDir, target, "from " + origin + " (lists the pinned checksums)"));
    }

    /**
     * Why a manifest cannot describe the pinned model, or null if it can. The manifest is generated (the importer
     * writes its own source path into it), so it is checked by content: the figures and the pinned array checksums.
     */
    String manifestProblem(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return "is missing";
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            return "is not valid JSON (" + e.getMessage() + ")";
        }
        if (m.path("expression_names").size() != 57 || m.path("landmarks_ibug68").size() != 68
            || m.path("vertex_count").asInt() <= 0) {
            return "lacks the 57 expression names, the 68 landmarks or the vertex count";
        }
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            JsonNode a = m.path("arrays").path(e.getKey());
            boolean isArray = e.getKey().endsWith(".f32") || e.getKey().endsWith(".i32");
            if (isArray && !e.getValue().equals(a.path("sha256").asText())) {
                return "lists sha256 " + a.path("sha256").asText() + " for " + e.getKey() + ", expected " + e.getValue();
            }
        }
        return null;
    }
}
