package io.face3d.vision.dlib;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.vision.DetectionStageContract;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.LandmarkDetectors;

import java.nio.file.Files;

/**
 * The dlib landmark detector as production builds it ({@link LandmarkDetectors#create} with "dlib") and its face
 * detector (dlib's box from MediaPipe's points through the mean shape, {@link MeanShapeBoxDetector}) run the
 * shared contract suites.
 */
class DlibContractTest extends DetectionStageContract<DlibLandmarkDetector> {
    @Override
    protected DlibLandmarkDetector create() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceLandmark()), "MediaPipe models");
        RequiredAssets.require(Files.isRegularFile(assets.dlibShapePredictor()), "the dlib 68-point model");
        return (DlibLandmarkDetector) LandmarkDetectors.create(LandmarkDetectors.Config.defaults("dlib"));
    }

    @Override
    protected FaceDetector faceDetector(DlibLandmarkDetector landmarks) {
        return landmarks.faceDetector();
    }
}
