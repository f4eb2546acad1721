package io.face3d.vision.mediapipe;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.testing.RequiredAssets;
import io.face3d.vision.DetectionStageContract;
import io.face3d.vision.FaceDetector;

import java.nio.file.Files;

/** The MediaPipe landmark detector and its face detector run the shared contract suites. */
class MediaPipeContractTest extends DetectionStageContract<MediaPipeLandmarkDetector> {
    @Override
    protected MediaPipeLandmarkDetector create() {
        ModelAssets assets = ModelAssets.defaults();
        RequiredAssets.require(Files.isRegularFile(assets.faceLandmark()), "MediaPipe models");
        return new MediaPipeLandmarkDetector(MediaPipeConfig.defaults(assets));
    }

    @Override
    protected FaceDetector faceDetector(MediaPipeLandmarkDetector landmarks) {
        return landmarks.faceDetector();
    }
}
