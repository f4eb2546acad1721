package io.face3d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Pose;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.NoiseModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Schema R (CONVENTIONS.md): one reconstruction file per input, written atomically. */
final class SchemaR {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaR() {
    }

    /** The document's head: provenance ({@link Provenance}), image and size, model and model version. */
    static ObjectNode document(String image, int width, int height, io.face3d.core.model.MorphableModel model) {
        ObjectNode root = Provenance.stamp(JSON.createObjectNode(), "R");
        if (image == null) {
            root.putNull("image");
        } else {
            root.put("image", image);
        }
        root.put("width", width);
        root.put("height", height);
        root.put("model", model.name());
        root.put("model_version", Provenance.modelVersion(model));
        root.putArray("faces");
        return root;
    }

    /** One face entry; {@code points} null for a person's shared face (no image). */
    static ObjectNode face(FitResult r, double[] box, double[] points, List<String> expressionNames, String mesh) {
        ObjectNode f = JSON.createObjectNode();
        if (box != null) {
            f.set("box", numbers(box));
        }
        if (points != null) {
            f.set("points", pairs(points, 2));
            f.set("fitted_points", pairs(r.fittedPoints(), 2));
        }
        f.set("landmarks3d", pairs(r.landmarks3d(), 3));
        Pose p = r.pose();
        ObjectNode pose = f.putObject("pose");
        double[] e = p.eulerDegrees();
        pose.put("yaw", e[0]);
        pose.put("pitch", e[1]);
        pose.put("roll", e[2]);
        pose.set("rotation", pairs(p.rotation(), 3));
        boolean persp = p.camera() == Pose.Camera.PERSPECTIVE;
        pose.set("translation", numbers(persp ? new double[] {p.tx(), p.ty(), p.tz()} : new double[] {p.tx(), p.ty()}));
        pose.put("scale", p.scale());
        pose.put("camera", persp ? "perspective" : "sop");
        if (persp) {
            pose.put("focal", p.focal());
            pose.set("principal_point", numbers(new double[] {p.cx(), p.cy()}));
        } else {
            pose.putNull("focal");
        }
        f.set("identity", numbers(r.identity()));
        ObjectNode ex = f.putObject("expression");
        double[] w = r.expression();
        for (int k = 0; k < w.length; k++) {
            ex.put(expressionNames.get(k), w[k]);
        }
        f.put("mesh", mesh);
        ObjectNode t = f.putObject("timing_ms");
        for (Map.Entry<String, Double> en : r.timingMs().entrySet()) {
            t.put(en.getKey(), en.getValue());
        }
        f.put("converged", r.converged());
        f.put("iterations", r.iterations());
        if (r.noise() != null) {
            // the landmark noise the fit settled on, per point group, as fractions of the inter-ocular distance
            ObjectNode nz = f.putObject("noise");
            NoiseModel n = r.noise();
            nz.put("source", n.name());
            nz.put("jaw", n.jaw());
            nz.put("brows", n.brows());
            nz.put("nose", n.nose());
            nz.put("eyes", n.eyes());
            nz.put("mouth", n.mouth());
        }
        if (points != null) {
            f.put("rms_residual_px", r.rmsResidual());
            f.set("residuals_px", numbers(r.residuals()));
            f.set("robust_weights", numbers(r.weights()));
        }
        return f;
    }

    private static ArrayNode numbers(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static ArrayNode pairs(double[] v, int dims) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < v.length; i += dims) {
            ArrayNode p = a.addArray();
            for (int k = 0; k < dims; k++) {
                p.add(v[i + k]);
            }
        }
        return a;
    }

    /**
     * Writes {@code root} as {@code dir/name} with a {@code files} list naming every other file in {@code dir}: a
     * staging folder holding one input's outputs ({@link io.face3d.core.io.OutputSet}), so nothing written is missed.
     */
    static void writeListingFiles(ObjectNode root, Path dir, String name) {
        ArrayNode files = root.putArray("files");
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(name)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new Face3dException("cannot list " + dir + " (" + io.face3d.core.io.AtomicFiles.oneLine(e)
                + "): check that the folder is readable");
        }
        write(root, dir.resolve(name));
    }

    static void write(ObjectNode root, Path file) {
        io.face3d.core.io.AtomicFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), root));
    }

    /**
     * The photometric refinement of one face: files written, light, the loss terms of every iteration, and which
     * result the face's pose and coefficients are ({@code kept}: "photometric" or "landmarks", with the guard's
     * reason and evidence).
     */
    static ObjectNode photometric(io.face3d.fit.photometric.PhotometricResult r,
                                  io.face3d.fit.photometric.RefinementGuard.Decision guard, String base) {
        ObjectNode p = JSON.createObjectNode();
        p.put("kept", guard.keptRefinement() ? "photometric" : "landmarks");
        ObjectNode g = p.putObject("guard");
        g.put("reason", guard.reason());
        g.put("landmark_rms_ratio", guard.landmarkRatio());
        putNumber(g, "photometric_loss_drop", guard.lossDrop());
        g.put("identity_norm2", guard.identityNorm2());
        if (r.startLoss() != null) {
            p.set("loss_start", JSON.valueToTree(r.startLoss()));
        }
        p.put("textured_mesh", base + "_textured.obj");
        p.put("rendered", base + "_rendered.png");
        p.put("residual", base + "_residual.png");
        p.put("time_ms", r.millis());
        p.set("light_sh", numbers(r.light()));
        ArrayNode history = p.putArray("loss");
        for (io.face3d.fit.photometric.LossTerms t : r.history()) {
            history.add(JSON.valueToTree(t));
        }
        return p;
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /** One face of a schema-R file: its identity coefficients and expression weights by name. */
    record FaceCoefficients(double[] identity, java.util.Map<String, Double> expression) {
    }

    /**
     * Reads the first face of a schema-R file (e.g. for {@code assess}). A file that is not JSON, has no face, or
     * whose identity does not match the model gives a one-line error.
     */
    static FaceCoefficients readFirstFace(Path file, int identityCount, List<String> expressionNames) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Face3dException("cannot read " + file + " as JSON (" + e.getMessage().lines().findFirst().orElse("")
                + "): give a schema-R file written by face3d reconstruct or fit");
        }
        com.fasterxml.jackson.databind.JsonNode face = root.path("faces").path(0);
        com.fasterxml.jackson.databind.JsonNode id = face.path("identity");
        if (face.isMissingNode() || !id.isArray() || id.size() != identityCount || !face.path("expression").isObject()) {
            throw new Face3dException(file + " is not a schema-R reconstruction with " + identityCount
                + " identity coefficients and an expression object: give a file written by face3d reconstruct or fit");
        }
        double[] identity = new double[identityCount];
        for (int i = 0; i < identityCount; i++) {
            identity[i] = id.get(i).asDouble(Double.NaN);
            if (!Double.isFinite(identity[i])) {
                throw new Face3dException(file + ": identity[" + i + "] is not a number");
            }
        }
        java.util.Map<String, Double> expression = new java.util.LinkedHashMap<>();
        for (String name : expressionNames) {
            expression.put(name, face.path("expression").path(name).asDouble(0));
        }
        return new FaceCoefficients(identity, expression);
    }
}
