package io.face3d.vision.mediapipe;

import io.face3d.core.testing.RequiredAssets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java pipeline against two TensorFlow.js references running the same .tflite files (fixtures in
 * src/test/resources/mediapipe-golden): tools/mediapipe-reference/reference.js re-implements the graph with
 * face3d's resampling, so it must agree to numerical precision; tfjs-models-check.js runs Google's own TF.js port
 * of the pipeline (its resampling, short-range detector and hard NMS), so it checks the geometry independently, to
 * 3%. Errors are measured in % of the inter-ocular distance (outer
 * eye corners, FaceMesh 33-263, of the reference), the 300-W normalisation. Figures go to
 * target/mediapipe-golden.txt.
 */
class MediaPipeGoldenTest {
    private static MediaPipeLandmarkDetector detector;

    @BeforeAll
    static void models() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceLandmark()), "MediaPipe models");
        detector = new MediaPipeLandmarkDetector(MediaPipeConfig.defaults(assets));
    }

    static RgbImage image(String name) throws IOException {
        if (name.equals("astronaut_pair")) {
            RgbImage half = TensorSampler.halve(resource("astronaut.png"));
            return sideBySide(half, mirror(half));
        }
        return resource(name + ".png");
    }

    static RgbImage resource(String file) throws IOException {
        try (InputStream in = MediaPipeGoldenTest.class.getResourceAsStream("/" + file)) {
            return Images.fromBufferedImage(javax.imageio.ImageIO.read(in));
        }
    }

    static RgbImage mirror(RgbImage img) {
        int w = img.width(), h = img.height();
        byte[] out = new byte[img.rgb().length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(img.rgb(), 3 * (y * w + w - 1 - x), out, 3 * (y * w + x), 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    static RgbImage sideBySide(RgbImage a, RgbImage b) {
        int w = a.width() + b.width(), h = a.height();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(a.rgb(), 3 * y * a.width(), out, 3 * y * w, 3 * a.width());
            System.arraycopy(b.rgb(), 3 * y * b.width(), out, 3 * (y * w + a.width()), 3 * b.width());
        }
        return new RgbImage(w, h, out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"astronaut", "astronaut_roll30", "astronaut_pair"})
    void agreesWithTensorFlowJs(String name) throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/mediapipe-golden/" + name + ".json")) {
            ref = new ObjectMapper().readTree(in);
        }
        RgbImage img = image(name);
        assertEquals(ref.get("width").asInt(), img.width());
        List<FaceLandmarks> faces = detector.detect(img);
        assertEquals(ref.get("faces").size(), faces.size(), "number of faces");
        StringBuilder report = new StringBuilder();
        for (JsonNode rf : ref.get("faces")) {
            JsonNode rb = rf.get("box");
            double rcx = rb.get(0).asDouble() + rb.get(2).asDouble() / 2, rcy = rb.get(1).asDouble() + rb.get(3).asDouble() / 2;
            FaceLandmarks f = faces.stream().min((p, q) -> Double.compare(dist(p.box(), rcx, rcy), dist(q.box(), rcx, rcy))).orElseThrow();
            double boxSize = rb.get(2).asDouble();
            FaceBox b = f.box();
            assertEquals(rb.get(0).asDouble(), b.x(), 0.01 * boxSize, "box x");
            assertEquals(rb.get(1).asDouble(), b.y(), 0.01 * boxSize, "box y");
            assertEquals(rb.get(2).asDouble(), b.width(), 0.01 * boxSize, "box w");
            assertEquals(rf.get("score").asDouble(), b.score(), 0.01, "detection score");
            double[] kp = b.keypoints();
            for (int i = 0; i < 12; i++) {
                assertEquals(rf.get("keypoints").get(i).asDouble(), kp[i], 0.01 * boxSize, "keypoint " + i / 2);
            }
            assertEquals(rf.get("presence").asDouble(), f.score(), 0.01, "presence");
            JsonNode rd = rf.get("dense");
            double iod = Math.hypot(rd.get(33).get(0).asDouble() - rd.get(263).get(0).asDouble(),
                rd.get(33).get(1).asDouble() - rd.get(263).get(1).asDouble());
            double sum = 0, max = 0, zmax = 0;
            for (int i = 0; i < 468; i++) {
                double e = Math.hypot(f.dense()[3 * i] - rd.get(i).get(0).asDouble(),
                    f.dense()[3 * i + 1] - rd.get(i).get(1).asDouble());
                sum += e;
                max = Math.max(max, e);
                zmax = Math.max(zmax, Math.abs(f.dense()[3 * i + 2] - rd.get(i).get(2).asDouble()));
            }
            double mean = 100 * sum / 468 / iod, maxPct = 100 * max / iod, zPct = 100 * zmax / iod;
            report.append(String.format(Locale.ROOT, "%s face at (%.0f, %.0f): IOD %.1f px, 468 points mean %.4f%% max %.4f%% of IOD, z max %.4f%%%n",
                name, rcx, rcy, iod, mean, maxPct, zPct));
            assertTrue(maxPct < 3.0, "max error " + maxPct + "% of IOD");
            assertTrue(mean < 0.5, "mean error " + mean + "% of IOD");
            assertTrue(zPct < 3.0, "z error " + zPct + "% of IOD");
        }
        Path out = Path.of("target", "mediapipe-golden.txt");
        Files.writeString(out, report.toString(), Files.exists(out) ? java.nio.file.StandardOpenOption.APPEND
            : java.nio.file.StandardOpenOption.CREATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"astronaut", "astronaut_roll30"})
    void agreesWithGooglesTfjsPort(String name) throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/mediapipe-golden/tfjs-models.json")) {
            ref = new ObjectMapper().readTree(in).get(name);
        }
        List<FaceLandmarks> faces = detector.detect(image(name));
        assertEquals(ref.size(), faces.size(), "number of faces");
        JsonNode rd = ref.get(0);
        double[] d = faces.get(0).dense();
        double iod = Math.hypot(rd.get(33).get(0).asDouble() - rd.get(263).get(0).asDouble(),
            rd.get(33).get(1).asDouble() - rd.get(263).get(1).asDouble());
        double sum = 0, max = 0;
        for (int i = 0; i < 468; i++) {
            double e = Math.hypot(d[3 * i] - rd.get(i).get(0).asDouble(), d[3 * i + 1] - rd.get(i).get(1).asDouble());
            sum += e;
            max = Math.max(max, e);
        }
        double mean = 100 * sum / 468 / iod, maxPct = 100 * max / iod;
        Path out = Path.of("target", "mediapipe-golden.txt");
        Files.writeString(out, String.format(Locale.ROOT, "%s vs tfjs-models: 468 points mean %.3f%% max %.3f%% of IOD%n",
            name, mean, maxPct), Files.exists(out) ? java.nio.file.StandardOpenOption.APPEND
            : java.nio.file.StandardOpenOption.CREATE);
        assertTrue(maxPct < 3.0, "max error " + maxPct + "% of IOD");
        assertTrue(mean < 1.0, "mean error " + mean + "% of IOD");
    }

    private static double dist(FaceBox b, double x, double y) {
        return Math.hypot(b.x() + b.width() / 2 - x, b.y() + b.height() / 2 - y);
    }
}
