package io.face3d.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;
import io.face3d.eval.landmarks.LandmarkSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 3D landmark files of {@code face3d evaluate --landmarks-pred/--landmarks-gt}: 7 points (NoW order) or 68 (iBUG
 * order), mm, in the mesh's frame. Plain text: one point per line, "x y z" (spaces, tabs or commas), '#' starts a
 * comment. JSON: an array of [x, y, z]; or an object with "landmarks" or "points3d" holding that array; or schema L
 * with faces[0].points3d.
 */
final class LandmarkFiles {
    private LandmarkFiles() {
    }

    static double[] read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Face3dException("landmark file not found: " + file);
        } catch (IOException e) {
            throw new Face3dException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        double[] points = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
            ? json(file, text) : plain(file, text);
        try {
            LandmarkSets.checkedCount(points);
        } catch (Face3dException e) {
            throw new Face3dException(file + ": " + e.getMessage());
        }
        return points;
    }

    private static double[] plain(Path file, String text) {
        List<Double> values = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i];
            int hash = s.indexOf('#');
            s = (hash >= 0 ? s.substring(0, hash) : s).trim();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("[\\s,]+");
            if (f.length != 3) {
                throw new Face3dException(file + " line " + (i + 1) + ": expected 'x y z', got '" + s + "'");
            }
            for (String v : f) {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    d = Double.NaN;
                }
                if (!Double.isFinite(d)) {
                    throw new Face3dException(file + " line " + (i + 1) + ": '" + v + "' is not a finite number");
                }
                values.add(d);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] json(Path file, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            var at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
            throw new Face3dException(file + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                + ", column " + at.getColumnNr() + ")") + ": give an array of [x, y, z]");
        }
        JsonNode arr = root;
        if (root != null && root.isObject()) {
            if (root.has("landmarks")) {
                arr = root.get("landmarks");
            } else if (root.has("points3d")) {
                arr = root.get("points3d");
            } else if (root.has("faces") && root.get("faces").size() > 0 && root.get("faces").get(0).has("points3d")) {
                arr = root.get("faces").get(0).get("points3d");
            }
        }
        if (arr == null || !arr.isArray()) {
            throw new Face3dException(file + ": expected an array of [x, y, z] (or \"landmarks\", \"points3d\", "
                + "faces[0].points3d)");
        }
        double[] out = new double[3 * arr.size()];
        for (int i = 0; i < arr.size(); i++) {
            JsonNode p = arr.get(i);
            if (!p.isArray() || p.size() != 3) {
                throw new Face3dException(file + ": point " + i + " is not [x, y, z]");
            }
            for (int k = 0; k < 3; k++) {
                if (!p.get(k).isNumber() || !Double.isFinite(p.get(k).asDouble())) {
                    throw new Face3dException(file + ": point " + i + " has a coordinate that is not a finite number");
                }
                out[3 * i + k] = p.get(k).asDouble();
            }
        }
        return out;
    }
}
