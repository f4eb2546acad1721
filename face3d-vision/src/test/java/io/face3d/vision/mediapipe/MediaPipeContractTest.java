package io.face3d.vision.mediapipe;

import io.face3d.core.testing.RequiredAssets;
import io.face3d.core.assets.ModelAssets;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.FaceDetectorContract;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.LandmarkDetectorContract;
import org.junit.jupiter.api.Nested;

import java.nio.file.Files;

/** The MediaPipe implementations run the shared contract suites (skipped when the models are not installed). */
class MediaPipeContractTest {
    private static MediaPipeLandmarkDetector shared;

    static synchronized MediaPipeLandmarkDetector instance() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceLandmark()), "MediaPipe models");
        if (shared == null) {
            shared = new MediaPipeLandmarkDetector(MediaPipeConfig.defaults(assets));
        }
        return shared;
    }

    @Nested
    class Detector extends FaceDetectorContract {
        @Override
        protected FaceDetector detector() {
            return instance().faceDetector();
        }
    }

    @Nested
    class Landmarks extends LandmarkDetectorContract {
        @Override
        protected LandmarkDetector detector() {
            return instance();
        }
    }
}
