package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Schema-L input of the commands that take landmark files ({@code fit}, {@code lift}, {@code cluster}): one image's
 * faces as flat arrays, with the JSON tree kept so extra fields (width, height, box, image) stay available.
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

    /**
     * Reads a file of one image's landmarks. Validation is {@link SchemaL#read}'s (one place); this adds the JSON tree
     * (so commands keep the input's extra fields) and flat arrays for the fitters.
     */
    static Document read(Path file) {
        List<SchemaL.Document> docs = SchemaL.read(file);
        if (docs.size() != 1) {
            throw new Face3dException(file + " holds the landmarks of " + docs.size() + " images: give one image's "
                + "landmarks per file (face3d landmarks IMAGE -o FILE)");
        }
        SchemaL.Document d = docs.get(0);
        if (d.faces().isEmpty()) {
            throw new Face3dException(file + " has no face (empty \"faces\"): give a file where a face was found");
        }
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read landmarks file " + file + " (" + e.getMessage() + ")");
        }
        double[][] points = new double[d.faces().size()][];
        double[][] dense = new double[d.faces().size()][];
        for (int f = 0; f < points.length; f++) {
            SchemaL.Face face = d.faces().get(f);
            points[f] = face.flatPoints();
            dense[f] = face.dense() == null ? null : flat(face.dense());
        }
        return new Document(file, root, points, dense);
    }

    private static double[] flat(double[][] rows) {
        int dims = rows[0].length;
        double[] out = new double[dims * rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, dims * i, dims);
        }
        return out;
    }
}
