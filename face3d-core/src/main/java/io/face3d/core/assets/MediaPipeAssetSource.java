package io.face3d.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MediaPipe's face detection and face landmark TFLite models, taken from two pinned npm packages (the only
 * versioned, integrity-checked distribution of these exact files):
 * <ul>
 * <li>{@code @mediapipe/face_detection}: {@code face_detection_short_range.tflite} and
 * {@code face_detection_full_range.tflite} are plain files in the package;</li>
 * <li>{@code @mediapipe/face_mesh}: {@code face_landmark.tflite} is packed inside
 * {@code face_mesh_solution_packed_assets.data}; its byte range is listed in
 * {@code face_mesh_solution_packed_assets_loader.js} (an Emscripten file-packager manifest).</li>
 * </ul>
 */
public final class MediaPipeAssetSource implements AssetSource {
    public static final String FACE_MESH_PACKAGE = "@mediapipe/face_mesh@0.4.1657299874";
    public static final String FACE_DETECTION_PACKAGE = "@mediapipe/face_detection@0.4.1657300184";

    /** Pinned sha256 of each installed file. */
    public static final Map<String, String> SHA256 = Map.of(
        "face_detection_short_range.tflite", "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633",
        "face_detection_full_range.tflite", "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3",
        "face_landmark.tflite", "c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1");

    static final String PACKED_DATA = "package/face_mesh_solution_packed_assets.data";
    static final String PACKED_LOADER = "package/face_mesh_solution_packed_assets_loader.js";
    /** Path of the landmark model inside the packed assets (as listed by the loader). */
    static final String PACKED_LANDMARK = "/third_party/mediapipe/modules/face_landmark/face_landmark.tflite";

    static final String LICENSE = """
        face_detection_short_range.tflite, face_detection_full_range.tflite, face_landmark.tflite

        MediaPipe models (Copyright Google LLC), installed by face3d setup from the npm packages
        @mediapipe/face_detection 0.4.1657300184 and @mediapipe/face_mesh 0.4.1657299874, whose licence is
        Apache-2.0 (package.json "license" field).

        Licensed under the Apache License, Version 2.0 (the "License"); you may not use these files except in
        compliance with the License. You may obtain a copy of the License at

            http://www.apache.org/licenses/LICENSE-2.0

        Unless required by applicable law or agreed to in writing, software distributed under the License is
        distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
        See the License for the specific language governing permissions and limitations under the License.
        """;

    private final PackageFetcher fetcher;
    private final Map<String, String> sha256;

    /** npm with the pinned checksums. */
    public MediaPipeAssetSource() {
        this(new NpmPack(), SHA256);
    }

    /** Another fetcher and checksums (tests). */
    public MediaPipeAssetSource(PackageFetcher fetcher, Map<String, String> sha256) {
        this.fetcher = fetcher;
        this.sha256 = Map.copyOf(sha256);
    }

    @Override
    public String name() {
        return "MediaPipe";
    }

    @Override
    public void install(Path modelsDir, Consumer<String> report) {
        Path dir = modelsDir.resolve("mediapipe");
        AssetFiles.removeLeftovers(dir);
        AssetFiles.removeTempDirs(modelsDir, ".npm-");
        List<String> names = List.of("face_detection_short_range.tflite", "face_detection_full_range.tflite",
            "face_landmark.tflite");
        Map<String, String> missing = new LinkedHashMap<>();
        for (String n : names) {
            if (AssetFiles.verified(dir.resolve(n), sha256.get(n))) {
                report.accept(AssetFiles.line(modelsDir, dir.resolve(n), "ok (sha256 verified)"));
            } else {
                missing.put(n, sha256.get(n));
            }
        }
        if (!missing.isEmpty()) {
            Path tmp = AssetFiles.createTempDir(modelsDir, ".npm-");
            try {
                if (missing.containsKey("face_landmark.tflite")) {
                    Path tgz = fetcher.fetch(FACE_MESH_PACKAGE, tmp);
                    Map<String, byte[]> files = TarGz.read(tgz, Set.of(PACKED_DATA, PACKED_LOADER));
                    byte[] loader = require(files, PACKED_LOADER, FACE_MESH_PACKAGE);
                    byte[] data = require(files, PACKED_DATA, FACE_MESH_PACKAGE);
                    long[] range = packedRange(new String(loader, StandardCharsets.UTF_8), PACKED_LANDMARK);
                    if (range[1] > data.length || range[0] < 0 || range[0] > range[1]) {
                        throw new Face3dException(FACE_MESH_PACKAGE + ": the byte range " + range[0] + "-" + range[1]
                            + " of face_landmark.tflite lies outside the packed data (" + data.length
                            + " bytes): the package is corrupt, run `npm cache clean --force` and ./face3d setup again");
                    }
                    Path target = dir.resolve("face_landmark.tflite");
                    String origin = "npm " + FACE_MESH_PACKAGE + " (face_mesh_solution_packed_assets.data bytes "
                        + range[0] + "-" + range[1] + ")";
                    AssetFiles.install(target, missing.get("face_landmark.tflite"), origin, npmFix(),
                        t -> Files.write(t, java.util.Arrays.copyOfRange(data, (int) range[0], (int) range[1])));
                    report.accept(AssetFiles.line(modelsDir, target, "extracted from " + origin + ", sha256 verified"));
                }
                List<String> detection = missing.keySet().stream().filter(n -> n.startsWith("face_detection")).toList();
                if (!detection.isEmpty()) {
                    Path tgz = fetcher.fetch(FACE_DETECTION_PACKAGE, tmp);
                    Set<String> wanted = Set.copyOf(detection.stream().map(n -> "package/" + n).toList());
                    Map<String, byte[]> files = TarGz.read(tgz, wanted);
                    for (String n : detection) {
                        byte[] data = require(files, "package/" + n, FACE_DETECTION_PACKAGE);
                        Path target = dir.resolve(n);
                        String origin = "npm " + FACE_DETECTION_PACKAGE + " (package/" + n + ")";
                        AssetFiles.install(target, missing.get(n), origin, npmFix(), t -> Files.write(t, data));
                        report.accept(AssetFiles.line(modelsDir, target, "extracted from " + origin + ", sha256 verified"));
                    }
                }
            } finally {
                AssetFiles.deleteTree(tmp);
            }
        }
        AssetFiles.writeText(dir.resolve("LICENSE"), LICENSE);
    }

    private static String npmFix() {
        return "the npm package differs from the pinned version; run `npm cache clean --force` and ./face3d setup "
            + "again, and report it if it persists";
    }

    private static byte[] require(Map<String, byte[]> files, String entry, String pkg) {
        byte[] b = files.get(entry);
        if (b == null) {
            throw new Face3dException("npm package " + pkg + " lacks " + entry + ": the download is incomplete or "
                + "not the pinned version; run `npm cache clean --force` and ./face3d setup again");
        }
        return b;
    }

    /**
     * The [start, end) byte range of {@code file} in an Emscripten file-packager loader script: the script ends
     * with {@code loadPackage({"files": [{"filename": ..., "start": s, "end": e}, ...], ...})}; the array after
     * {@code "files":} is valid JSON, read with Jackson (trailing script text is ignored).
     */
    static long[] packedRange(String loaderJs, String file) {
        int key = loaderJs.lastIndexOf("\"files\"");
        int open = key < 0 ? -1 : loaderJs.indexOf('[', key);
        if (open < 0) {
            throw new Face3dException("face_mesh_solution_packed_assets_loader.js has no \"files\" list: the npm "
                + "package is not the pinned version " + FACE_MESH_PACKAGE + "; run ./face3d setup again");
        }
        JsonNode list;
        try {
            list = new ObjectMapper().readTree(loaderJs.substring(open));
        } catch (IOException e) {
            throw new Face3dException("cannot parse the file list of face_mesh_solution_packed_assets_loader.js ("
                + e.getMessage().lines().findFirst().orElse("") + "): the npm package is not the pinned version; run ./face3d setup again");
        }
        for (JsonNode f : list) {
            if (file.equals(f.path("filename").asText()) && f.path("start").canConvertToLong()
                && f.path("end").canConvertToLong()) {
                return new long[] {f.get("start").asLong(), f.get("end").asLong()};
            }
        }
        throw new Face3dException("face_mesh_solution_packed_assets_loader.js does not list " + file + ": the npm "
            + "package is not the pinned version " + FACE_MESH_PACKAGE + "; run ./face3d setup again");
    }
}
