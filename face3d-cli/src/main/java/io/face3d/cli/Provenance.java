package io.face3d.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.assets.DlibAssetSource;
import io.face3d.core.assets.MediaPipeAssetSource;
import io.face3d.core.model.MorphableModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a schema R, E or L document self-describing (extra fields, which CONVENTIONS.md welcomes): the schema
 * and its version, the tool and its version, and the versions of the models that made it.
 */
final class Provenance {
    /** Version of the R, E and L layouts written; raised when a required field changes meaning. */
    static final int SCHEMA_VERSION = 1;
    private static final Map<Path, String> MODEL_VERSIONS = new ConcurrentHashMap<>();

    private Provenance() {
    }

    /** Puts schema, schema_version, tool and tool_version into {@code root}. */
    static ObjectNode stamp(ObjectNode root, String schema) {
        root.put("schema", schema);
        root.put("schema_version", SCHEMA_VERSION);
        root.put("tool", "face3d");
        root.put("tool_version", Main.VERSION);
        return root;
    }

    /**
     * The morphable model's version: "sha256:" and the first 16 hex digits of its manifest, which holds every
     * array's checksum (so it names the model data without hashing 50 MB).
     */
    static String modelVersion(MorphableModel model) {
        return MODEL_VERSIONS.computeIfAbsent(model.source(), dir -> {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve("manifest.json")));
                return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
            } catch (IOException e) {
                return "unknown";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        });
    }

    /** The model files behind a detector name ("mediapipe", "dlib"); null for names face3d does not ship. */
    static String detectorVersion(String detector) {
        if (detector == null) {
            return null;
        }
        return switch (detector) {
            case "mediapipe" -> MediaPipeAssetSource.FACE_DETECTION_PACKAGE + " " + MediaPipeAssetSource.FACE_MESH_PACKAGE;
            case "dlib" -> "shape_predictor_68_face_landmarks.dat sha256:" + DlibAssetSource.SHA256.substring(0, 16);
            default -> null;
        };
    }
}
