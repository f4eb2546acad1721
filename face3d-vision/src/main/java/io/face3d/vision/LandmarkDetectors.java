package io.face3d.vision;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.dlib.DetectorBoxMapping;
import io.face3d.vision.dlib.DlibLandmarkDetector;
import io.face3d.vision.dlib.DlibShapePredictor;
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

    /**
     * MediaPipe's face box mapped to the box dlib's HOG detector gives on the same face (the box the 68-point
     * predictor was trained on): centre shifted by (+0.040 w, +0.050 h), size scaled by 0.895. Fitted by
     * {@link DetectorBoxMapping#fitScaleShift} on 69 faces of 13 photos where both detectors find the face
     * (tools/dlib-reference/hog_boxes.json: dlib's C++ HOG boxes; re-derive with the test-scope tool
     * io.face3d.vision.dlib.CalibrateMediaPipeToHog). Mean box IoU with the HOG box 0.765 raw, 0.771 mapped; the
     * 68 points then lie 1.3% of the box width (mean) from where dlib's own box puts them. The full affine fit is
     * ill-conditioned here (MediaPipe boxes are square) and was rejected.
     */
    static final DetectorBoxMapping MEDIAPIPE_TO_HOG = new DetectorBoxMapping(new double[] {
        1, 0, 0.03960388992409025, 0, 0,
        0, 1, 0, 0.05030176990652424, 0,
        0, 0, 0.8950096287758437, 0, 0,
        0, 0, 0, 0.8949263420903286, 0});

    private LandmarkDetectors() {
    }

    public static LandmarkDetector create(Config config) {
        return switch (config.detector()) {
            case "mediapipe" -> new MediaPipeLandmarkDetector(config.mediapipe());
            case "dlib" -> new DlibLandmarkDetector(new MediaPipeFaceDetector(config.mediapipe()), MEDIAPIPE_TO_HOG,
                DlibShapePredictor.load(config.assets()));
            default -> throw new IllegalStateException(config.detector());
        };
    }

    /** The face detector alone (MediaPipe's, whatever the landmark detector), e.g. for dlib's boxes. */
    public static FaceDetector faceDetector(Config config) {
        return new MediaPipeFaceDetector(config.mediapipe());
    }
}
