package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Minimal reader of schema L (CONVENTIONS.md) for commands that take landmark files: the whole tree is kept, so
 * extra fields survive a round trip, and each face's 68 {@code points} are checked and returned as arrays.
 * (Written for {@code lift}; to be merged with the schema-L writer of the landmarks command.)
 */
final class SchemaLReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLReader() {
    }

    /** A schema-L document and its faces' points, (x, y) interleaved, pixels. */
    record Document(Path file, ObjectNode root, double[][] points) {
    }

    static Document read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read landmarks file " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                + "): give a schema-L JSON file as written by face3d landmarks");
        }
        if (!(root instanceof ObjectNode obj) || !root.path("faces").isArray()) {
            throw new Face3dException(file + " is not schema L (no \"faces\" array): give a file written by face3d landmarks");
        }
        JsonNode faces = root.get("faces");
        double[][] points = new double[faces.size()][];
        for (int f = 0; f < faces.size(); f++) {
            JsonNode p = faces.get(f).path("points");
            if (!p.isArray() || p.size() != 68) {
                throw new Face3dException(file + ": face " + f + " needs 68 \"points\" [x, y] (iBUG order), found "
                    + (p.isArray() ? p.size() : 0));
            }
            points[f] = new double[136];
            for (int i = 0; i < 68; i++) {
                JsonNode q = p.get(i);
                if (!q.isArray() || q.size() < 2 || !q.get(0).isNumber() || !q.get(1).isNumber()) {
                    throw new Face3dException(file + ": face " + f + " point " + i + " is not [x, y] numbers");
                }
                points[f][2 * i] = q.get(0).asDouble();
                points[f][2 * i + 1] = q.get(1).asDouble();
            }
        }
        return new Document(file, obj, points);
    }
}
