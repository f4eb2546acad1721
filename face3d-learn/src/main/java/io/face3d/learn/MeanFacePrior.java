package io.face3d.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.learn.data.LiftTargets;
import io.face3d.learn.mds.FrameAlignment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mean face's 68 landmarks (model space, mm), the prior the residual networks start from: the Deep-MDS
 * context network predicts each pair's 3D distance as the mean face's distance plus a learned correction, and the
 * depth regressor predicts the aligned mean face's depth plus a correction. Shipped as {@code prior.json} beside
 * the weights, so inference needs no model files.
 */
public record MeanFacePrior(double[] landmarks) {
    public static final String FILE = "prior.json";

    public MeanFacePrior {
        if (landmarks.length != 3 * DepthLifter.POINTS) {
            throw new IllegalArgumentException("the prior needs 68 3D landmarks");
        }
        landmarks = landmarks.clone();
    }

    @Override
    public double[] landmarks() {
        return landmarks.clone();
    }

    /** Normalised 3D distances of the mean face's pairs ({@link LiftTargets#distances}). */
    public double[] distances() {
        return LiftTargets.distances(landmarks);
    }

    /**
     * The landmarks (model axes, not centred) divided by their RMS radius about the centroid: each landmark's fixed
     * identity in CONTEXT rows.
     */
    public double[] unitLandmarks() {
        double r = LiftTargets.rmsRadius3d(landmarks);
        double[] u = new double[landmarks.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = landmarks[i] / r;
        }
        return u;
    }

    /** Depth of the mean face aligned to normalised input points ({@link FrameAlignment}). */
    public double[] depth(double[] normalised) {
        return FrameAlignment.depth(landmarks, normalised);
    }

    void write(Path dir) throws IOException {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("what", "mean face of the ICT-FaceKit model at the 68 iBUG landmarks, model space, mm");
        ArrayNode a = root.putArray("landmarks");
        for (int i = 0; i < DepthLifter.POINTS; i++) {
            a.addArray().add(landmarks[3 * i]).add(landmarks[3 * i + 1]).add(landmarks[3 * i + 2]);
        }
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), root);
    }

    static MeanFacePrior read(InputStream in, String where) throws IOException {
        if (in == null) {
            throw new Face3dException(where + " is missing: retrain with face3d train lift");
        }
        JsonNode a = new ObjectMapper().readTree(in).path("landmarks");
        if (a.size() != DepthLifter.POINTS) {
            throw new Face3dException(where + " does not hold 68 landmarks: retrain with face3d train lift");
        }
        double[] p = new double[3 * DepthLifter.POINTS];
        for (int i = 0; i < DepthLifter.POINTS; i++) {
            for (int c = 0; c < 3; c++) {
                p[3 * i + c] = a.get(i).get(c).asDouble();
            }
        }
        return new MeanFacePrior(p);
    }
}
