package io.face3d.vision;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.dlib.DetectorBoxMapping;
import io.face3d.vision.dlib.DlibLandmarkDetector;
import io.face3d.vision.dlib.DlibShapePredictor;
import io.face3d.vision.dlib.MeanShapeBoxDetector;
import io.face3d.vision.mediapipe.MediaPipeConfig;
import io.face3d.vision.mediapipe.MediaPipeFaceDetector;
import io.face3d.vision.mediapipe.MediaPipeLandmarkDetector;

import java.util.List;
import java.util.Locale;

/** Builds the {@link LandmarkDetector} a {@link Config} names. */
public final class LandmarkDetectors {
    /** Detector names accepted by {@link Config#detector()}. */
    public static final List<String> NAMES = List.of("mediapipe", "dlib");

    /**
     * @param detector     "mediapipe" (468 FaceMesh points + 68 derived) or "dlib" (68, ensemble of regression trees)
     * @param assets       where the model files are
     * @param minScore     minimum face-detection score
     * @param minPresence  minimum FaceMesh face-presence score
     * @param minFaceSize  smallest face side to look for, pixels
     */
    public record Config(String detector, ModelAssets assets, double minScore, double minPresence, int minFaceSize) {
        public Config {
            detector = detector == null ? "mediapipe" : detector.toLowerCase(Locale.ROOT);
            if (!NAMES.contains(detector)) {
                throw new Face3dException("unknown detector '" + detector + "': use one of " + NAMES);
            }
            if (assets == null) {
                throw new IllegalArgumentException("assets must be given");
            }
            if (!(minScore > 0 && minScore < 1) || !(minPresence >= 0 && minPresence < 1)) {
                throw new Face3dException("detection and presence thresholds must lie in (0, 1)");
            }
            if (minFaceSize < 1) {
                throw new Face3dException("the minimum face size must be at least 1 pixel");
            }
        }

        /** MediaPipe with its own thresholds (0.5, 0.5), faces down to 40 pixels. */
        public static Config defaults(String detector) {
            return new Config(detector, ModelAssets.defaults(), 0.5, 0.5, 40);
        }

        /** The MediaPipe settings these imply (also what gives dlib its boxes). */
        public MediaPipeConfig mediapipe() {
            return new MediaPipeConfig(assets, minScore, 0.3, minPresence, minFaceSize, 64, true, true);
        }
    }

    /**
     * dlib without {@code --box}: its box comes from MediaPipe's 68 points, as the square in which dlib's own mean
     * shape best fits them ({@link io.face3d.vision.dlib.DlibLandmarkDetector#boxFromPoints}), not from MediaPipe's
     * detection box. Measured with the test-scope tool io.face3d.vision.dlib.CalibrateMediaPipeToHog on 69 faces of
     * 13 photos where dlib's C++ HOG detector also finds the face (tools/dlib-reference/hog_boxes.json): the 68
     * points land 0.71% of the box width (mean) from where dlib's own HOG box puts them, against 1.35% for the
     * detection box even after the best scale-and-shift mapping (IoU with the HOG box 0.79 against 0.77); a
     * further fitted mapping changed nothing (scale 1.006), so none is applied. On photo-like renders turned
     * 20 degrees the detection box put dlib's points up to 27% of the inter-ocular distance off; this box, 3.6-4.9%.
     */
    private static final DetectorBoxMapping IDENTITY_BOX = DetectorBoxMapping.identity();

    private LandmarkDetectors() {
    }

    public static LandmarkDetector create(Config config) {
        return switch (config.detector()) {
            case "mediapipe" -> new MediaPipeLandmarkDetector(config.mediapipe());
            case "dlib" -> {
                DlibShapePredictor predictor = DlibShapePredictor.load(config.assets());
                yield new DlibLandmarkDetector(new MeanShapeBoxDetector(
                    new MediaPipeLandmarkDetector(config.mediapipe()), predictor.model()), IDENTITY_BOX, predictor);
            }
            default -> throw new IllegalStateException(config.detector());
        };
    }

    /** The face detector alone (MediaPipe's, whatever the landmark detector), e.g. for dlib's boxes. */
    public static FaceDetector faceDetector(Config config) {
        return new MediaPipeFaceDetector(config.mediapipe());
    }
}
