package io.face3d.vision;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
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

        /** The MediaPipe settings these imply (also what gives dlib its boxes once it is wired). */
        public MediaPipeConfig mediapipe() {
            return new MediaPipeConfig(assets, minScore, 0.3, minPresence, minFaceSize, 64, true, true);
        }
    }

    private LandmarkDetectors() {
    }

    public static LandmarkDetector create(Config config) {
        return switch (config.detector()) {
            case "mediapipe" -> new MediaPipeLandmarkDetector(config.mediapipe());
            // The lead wires dlib's ShapePredictor here: with --box it runs on that box; without, it takes the boxes
            // of new MediaPipeFaceDetector(config.mediapipe()) mapped to dlib's HOG box convention.
            case "dlib" -> throw new Face3dException("the dlib detector is not wired yet");
            default -> throw new IllegalStateException(config.detector());
        };
    }

    /** The face detector alone (MediaPipe's, whatever the landmark detector), e.g. for dlib's boxes. */
    public static FaceDetector faceDetector(Config config) {
        return new MediaPipeFaceDetector(config.mediapipe());
    }
}
