package io.face3d.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A patient's folder of visits: {@code DIR/visits/YYYY-MM-DD/visit.json} holds the visit's date, the sha256 of each
 * input, the software and model versions and the whole assessment report (measures, items, scores), so that a later
 * {@link ProgressReport} compares visits without the inputs.
 */
public final class PatientFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One stored visit: its date, its visit.json and its folder. */
    public record Visit(LocalDate date, JsonNode json, Path dir) {
        /** The assessment report stored with the visit. */
        public JsonNode report() {
            return json.get("report");
        }

        /** The 3D face (model face region, x y z interleaved, mm) of a posture, if the visit stored it. */
        public java.util.Optional<float[]> face(Movement posture) {
            Path f = dir.resolve("faces").resolve(posture.key() + ".f32");
            if (!Files.isRegularFile(f)) {
                return java.util.Optional.empty();
            }
            try {
                java.nio.FloatBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(f))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                return java.util.Optional.of(v);
            } catch (IOException e) {
                throw new Face3dException("cannot read " + f + " (" + e.getMessage() + "): store the visit again");
            }
        }
    }

    private final Path dir;

    public PatientFolder(Path dir) {
        this.dir = dir;
    }

    /** Parses a visit date (YYYY-MM-DD) or fails with a one-line fix. */
    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Face3dException("--visit must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    /**
     * Stores a visit (replacing one of the same date).
     *
     * @param inputs   posture key to input file, each checksummed
     * @param report   the assessment's report.json
     * @param software e.g. "face3d 0.1.0"
     * @param model    the morphable model's name and the checksum it was verified by
     */
    public Path save(LocalDate date, Map<String, Path> inputs, ObjectNode report, String software, String model) {
        return save(date, inputs, report, software, model, Map.of());
    }

    /**
     * Stores a visit with each posture's 3D face (faces/POSTURE.f32: little-endian float32 x y z per vertex of the
     * model's face region), which {@link ProgressReport} compares between visits.
     */
    public Path save(LocalDate date, Map<String, Path> inputs, ObjectNode report, String software, String model,
                     Map<Movement, float[]> faces) {
        ObjectNode v = JSON.createObjectNode();
        v.put("date", date.toString());
        v.put("software", software);
        v.put("model", model);
        ObjectNode sums = v.putObject("inputs");
        inputs.forEach((k, p) -> {
            ObjectNode n = sums.putObject(k);
            n.put("file", p.getFileName().toString());
            n.put("sha256", sha256(p));
        });
        v.set("report", report);
        Path target = dir.resolve("visits").resolve(date.toString()).resolve("visit.json");
        try {
            Files.createDirectories(target.getParent().resolve("faces"));
            for (Map.Entry<Movement, float[]> f : faces.entrySet()) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * f.getValue().length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(f.getValue());
                AtomicFiles.write(target.getParent().resolve("faces").resolve(f.getKey().key() + ".f32"),
                    tmp -> Files.write(tmp, b.array()));
            }
            AtomicFiles.writeString(target, JSON.writeValueAsString(v));
        } catch (IOException e) {
            throw new Face3dException("cannot write " + target + " (" + e.getMessage() + "): check --patient is writable");
        }
        return target;
    }

    /** Every stored visit, oldest first. */
    public List<Visit> visits() {
        Path root = dir.resolve("visits");
        if (!Files.isDirectory(root)) {
            throw new Face3dException(dir + " holds no visits: store one with face3d assess ... --patient " + dir
                + " --visit YYYY-MM-DD");
        }
        List<Visit> out = new ArrayList<>();
        try (Stream<Path> days = Files.list(root)) {
            for (Path d : days.sorted().toList()) {
                Path f = d.resolve("visit.json");
                if (Files.isRegularFile(f)) {
                    JsonNode j = JSON.readTree(f.toFile());
                    out.add(new Visit(LocalDate.parse(j.get("date").asText()), j, d));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new Face3dException("cannot read the visits in " + root + " (" + e.getMessage()
                + "): each visits/DATE/visit.json must be one face3d assess wrote");
        }
        return out;
    }

    /** The stored visits dated before {@code date}, oldest first; none when the folder holds no visits yet. */
    public List<Visit> visitsBefore(LocalDate date) {
        if (!Files.isDirectory(dir.resolve("visits"))) {
            return List.of();
        }
        return visits().stream().filter(v -> v.date().isBefore(date)).toList();
    }

    static String sha256(Path p) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new Face3dException("cannot read " + p + " to checksum it (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
