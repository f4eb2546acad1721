package io.face3d.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.face3d.core.Face3dException;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema L of CONVENTIONS.md (landmarks in and out), written and read in this one place with Jackson. A file holds
 * one document, or a JSON array of documents when {@code face3d landmarks} was given several images; the reader
 * accepts both. Coordinates are rounded to 1/1000 pixel. Extra fields written: {@code detector},
 * {@code box_score} (detection score; {@code score} is FaceMesh's face presence for MediaPipe) and
 * {@code keypoints} (MediaPipe's six: right eye, left eye, nose tip, mouth centre, right tragion, left tragion).
 */
public final class SchemaL {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One face. Optional fields are null when absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Face(double[] box, Double score, double[][] points,
                       double[][] points3d, @JsonProperty("points3d_units") String points3dUnits,
                       double[][] dense, String detector, @JsonProperty("box_score") Double boxScore,
                       double[][] keypoints, @JsonProperty("detector_version") String detectorVersion) {
        /** The 68 points as x, y interleaved (what fitters take). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public double[] flatPoints() {
            double[] out = new double[2 * points.length];
            for (int i = 0; i < points.length; i++) {
                out[2 * i] = points[i][0];
                out[2 * i + 1] = points[i][1];
            }
            return out;
        }
    }

    /**
     * One image's landmarks; {@code image} is null for files made without an image. The provenance fields
     * ({@link Provenance}) are null in files written by other tools.
     */
    public record Document(String schema, @JsonProperty("schema_version") Integer schemaVersion, String tool,
                           @JsonProperty("tool_version") String toolVersion, String image, Integer width,
                           Integer height, List<Face> faces) {
        public Document {
            faces = faces == null ? List.of() : List.copyOf(faces);
        }
    }

    private SchemaL() {
    }

    public static Document of(String image, int width, int height, List<FaceLandmarks> faces) {
        List<Face> out = new ArrayList<>();
        for (FaceLandmarks f : faces) {
            FaceBox b = f.box();
            out.add(new Face(new double[]{r(b.x()), r(b.y()), r(b.width()), r(b.height())}, r(f.score()),
                rows(f.points(), 2), null, null, f.dense() == null ? null : rows(f.dense(), 3), f.detector(),
                r(b.score()), b.keypoints().length == 0 ? null : rows(b.keypoints(), 2),
                Provenance.detectorVersion(f.detector())));
        }
        return new Document("L", Provenance.SCHEMA_VERSION, "face3d", Main.VERSION, image, width, height, out);
    }

    private static double r(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double[][] rows(double[] flat, int dim) {
        double[][] out = new double[flat.length / dim][dim];
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < dim; k++) {
                out[i][k] = r(flat[dim * i + k]);
            }
        }
        return out;
    }

    /** JSON text of one document, or of an array when there are several. */
    public static String toJson(List<Document> docs) {
        try {
            return JSON.writeValueAsString(docs.size() == 1 ? docs.get(0) : docs) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes through a temporary file and a rename: a failed write leaves nothing behind. */
    public static void write(List<Document> docs, Path file) {
        io.face3d.core.io.AtomicFiles.writeString(file, toJson(docs));
    }

    /**
     * Reads a schema L file (one document or an array). Checks what {@code fit} and {@code lift} rely on: every face
     * has 68 points of 2 numbers; optional fields keep their sizes (points3d 68 x 3, dense 468 x 3).
     */
    public static List<Document> read(Path file) {
        io.face3d.core.io.InputFile.requireRegular(file, "landmarks file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new Face3dException("landmarks file " + file + " is not valid JSON" + (at == null ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + ": give a schema L file from 'face3d landmarks'");
        } catch (IOException e) {
            throw new Face3dException("cannot read landmarks file " + file + " (" + io.face3d.core.io.AtomicFiles.oneLine(e)
                + "): check the file");
        }
        List<Document> docs = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (JsonNode n : root) {
                docs.add(document(n, file));
            }
        } else if (root != null && root.isObject()) {
            docs.add(document(root, file));
        } else {
            throw new Face3dException("landmarks file " + file + " holds no schema L object: see CONVENTIONS.md");
        }
        return docs;
    }

    /** The numeric fields of a face: arrays of rows of finite numbers where present. */
    private static final List<String> ROW_FIELDS = List.of("points", "points3d", "dense", "keypoints");

    /**
     * Checks the tree before binding: Jackson would turn a null coordinate into 0, copy a "NaN" string through, and
     * answer a null face with an exception in its own terms. Each problem is named by its place in the file.
     */
    private static void checkTree(JsonNode n, Path file) {
        if (!n.isObject()) {
            throw new Face3dException("landmarks file " + file + " holds a " + kind(n) + " where a schema L object "
                + "belongs: see CONVENTIONS.md");
        }
        JsonNode faces = n.get("faces");
        if (faces == null || faces.isNull()) {
            return;
        }
        if (!faces.isArray()) {
            throw new Face3dException(file + ": \"faces\" is a " + kind(faces) + ", not a list of faces: see schema L "
                + "in CONVENTIONS.md");
        }
        for (int i = 0; i < faces.size(); i++) {
            JsonNode f = faces.get(i);
            if (!f.isObject()) {
                throw new Face3dException(file + ": faces[" + i + "] is " + kind(f) + ", not a face object: remove it or"
                    + " give {\"points\": [[x, y] x 68]}");
            }
            for (String field : ROW_FIELDS) {
                JsonNode rows = f.get(field);
                if (rows == null || rows.isNull()) {
                    continue;
                }
                if (!rows.isArray()) {
                    throw new Face3dException(file + ": faces[" + i + "]." + field + " is " + kind(rows)
                        + ", not a list of points");
                }
                for (int r = 0; r < rows.size(); r++) {
                    JsonNode row = rows.get(r);
                    if (!row.isArray()) {
                        throw new Face3dException(file + ": faces[" + i + "]." + field + "[" + r + "] is " + kind(row)
                            + ", not a point [x, y" + (field.equals("points") || field.equals("keypoints") ? "" : ", z")
                            + "]");
                    }
                    for (int k = 0; k < row.size(); k++) {
                        requireFinite(row.get(k), file + ": faces[" + i + "]." + field + "[" + r + "][" + k + "]");
                    }
                }
            }
            JsonNode box = f.get("box");
            if (box != null && !box.isNull()) {
                if (!box.isArray()) {
                    throw new Face3dException(file + ": faces[" + i + "].box is " + kind(box) + ": give [x, y, w, h]");
                }
                for (int k = 0; k < box.size(); k++) {
                    requireFinite(box.get(k), file + ": faces[" + i + "].box[" + k + "]");
                }
            }
            for (String field : List.of("score", "box_score")) {
                JsonNode v = f.get(field);
                if (v != null && !v.isNull()) {
                    requireFinite(v, file + ": faces[" + i + "]." + field);
                }
            }
        }
    }

    private static void requireFinite(JsonNode v, String where) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new Face3dException(where + " is " + kind(v) + ", not a finite number: fix or remove it");
        }
    }

    private static String kind(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return v.asText();
        }
        if (v.isTextual()) {
            String t = v.asText();
            return "the text \"" + (t.length() > 20 ? t.substring(0, 20) + "..." : t) + "\"";
        }
        return v.isArray() ? "a list" : v.isObject() ? "an object" : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Document document(JsonNode n, Path file) {
        checkTree(n, file);
        Document d;
        try {
            d = JSON.treeToValue(n, Document.class);
        } catch (IOException | IllegalArgumentException e) {
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + path(m) : "";
            throw new Face3dException("landmarks file " + file + " does not follow schema L" + where
                + " (a field has the wrong type): see CONVENTIONS.md");
        }
        for (int i = 0; i < d.faces().size(); i++) {
            if (d.faces().get(i) == null) {
                throw new Face3dException(file + ": faces[" + i + "] is null, not a face object: remove it");
            }
        }
        for (int i = 0; i < d.faces().size(); i++) {
            Face f = d.faces().get(i);
            check(f.points(), 68, 2, "points", i, file, true);
            check(f.points3d(), 68, 3, "points3d", i, file, false);
            check(f.dense(), 468, 3, "dense", i, file, false);
            if (f.box() != null && f.box().length != 4) {
                throw new Face3dException("face " + i + " of " + file + " has a box of " + f.box().length
                    + " numbers: give [x, y, w, h]");
            }
        }
        return d;
    }

    private static void check(double[][] a, int n, int dim, String name, int face, Path file, boolean required) {
        if (a == null) {
            if (required) {
                throw new Face3dException("face " + face + " of " + file + " has no '" + name + "': give 68 [x, y] points");
            }
            return;
        }
        boolean ok = a.length == n;
        for (int i = 0; ok && i < a.length; i++) {
            ok = a[i] != null && a[i].length == dim;
        }
        if (!ok) {
            throw new Face3dException("face " + face + " of " + file + " has a malformed '" + name + "': expected "
                + n + " rows of " + dim + " numbers");
        }
    }

    /** A binding error's place as the file names it, e.g. faces[0].points. */
    private static String path(com.fasterxml.jackson.databind.JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
