package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Minimal reader of schema L (CONVENTIONS.md) for commands that take landmark files ({@code fit}): each face's 68
 * {@code points} and optional 468 {@code dense} points are checked and returned as arrays; the tree is kept so
 * extra fields (width, height, box, image) stay available. To be merged with the schema-L writer.
 */
final class SchemaLReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLReader() {
    }

    /**
     * A schema-L document.
     *
     * @param points per face, x, y interleaved (pixels)
     * @param dense  per face, x, y, z interleaved (468 points), or null where absent
     */
    record Document(Path file, ObjectNode root, double[][] points, double[][] dense) {
        int width() {
            return root.path("width").asInt(0);
        }

        int height() {
            return root.path("height").asInt(0);
        }
    }

    static Document read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read landmarks file " + file + " ("
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "): give a schema-L JSON file");
        }
        if (!(root instanceof ObjectNode obj) || !root.path("faces").isArray() || root.get("faces").isEmpty()) {
            throw new Face3dException(file + " is not schema L or has no face (no \"faces\" array): give a file "
                + "written by face3d landmarks");
        }
        JsonNode faces = root.get("faces");
        double[][] points = new double[faces.size()][];
        double[][] dense = new double[faces.size()][];
        for (int f = 0; f < faces.size(); f++) {
            points[f] = readPoints(file, f, faces.get(f).path("points"), 68, 2, "points");
            JsonNode d = faces.get(f).path("dense");
            dense[f] = d.isArray() ? readPoints(file, f, d, 468, 3, "dense") : null;
        }
        return new Document(file, obj, points, dense);
    }

    private static double[] readPoints(Path file, int face, JsonNode p, int count, int dims, String field) {
        if (!p.isArray() || p.size() != count) {
            throw new Face3dException(file + ": face " + face + " needs " + count + " \"" + field + "\", found "
                + (p.isArray() ? p.size() : 0));
        }
        double[] out = new double[dims * count];
        for (int i = 0; i < count; i++) {
            JsonNode q = p.get(i);
            if (!q.isArray() || q.size() < dims) {
                throw new Face3dException(file + ": face " + face + " " + field + " " + i + " is not " + dims
                    + " numbers");
            }
            for (int a = 0; a < dims; a++) {
                // NaN or text becomes NaN, which the fitter reports with its own message
                out[dims * i + a] = q.get(a).isNumber() ? q.get(a).asDouble() : Double.NaN;
            }
        }
        return out;
    }
}
