package io.face3d.vision.dlib;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.FaceDetectorContract;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.LandmarkDetectorContract;
import io.face3d.vision.LandmarkDetectors;
import org.junit.jupiter.api.Nested;

import java.nio.file.Files;

/**
 * The dlib landmark detector as production builds it ({@link LandmarkDetectors#create} with "dlib") and its face
 * detector (dlib's box from MediaPipe's points through the mean shape, {@link MeanShapeBoxDetector}) run the
 * shared contract suites.
 */
class DlibContractTest {
    private static DlibLandmarkDetector shared;

    static synchronized DlibLandmarkDetector instance() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceLandmark()), "MediaPipe models");
        RequiredAssets.require(Files.isRegularFile(assets.dlibShapePredictor()), "the dlib 68-point model");
        if (shared == null) {
            shared = (DlibLandmarkDetector) LandmarkDetectors.create(LandmarkDetectors.Config.defaults("dlib"));
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
