package io.face3d.vision.mediapipe;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * The MediaPipe landmark stage: {@link MediaPipeFaceDetector} boxes, then FaceMesh on each (crop from the box,
 * one re-crop from the mesh), 68 iBUG points from the 468 ({@link Ibug68FromFaceMesh}). Faces whose presence score
 * is under {@link MediaPipeConfig#minPresence()} are dropped. Thread-safe.
 */
public final class MediaPipeLandmarkDetector implements LandmarkDetector {
    private final MediaPipeFaceDetector detector;
    private final FaceMesh mesh;
    private final double minPresence;

    public MediaPipeLandmarkDetector(MediaPipeConfig config) {
        this.detector = new MediaPipeFaceDetector(config);
        this.mesh = new FaceMesh(config.assets().faceLandmark());
        this.minPresence = config.minPresence();
    }

    /** The face detector alone, e.g. to give another shape predictor its boxes. */
    public MediaPipeFaceDetector faceDetector() {
        return detector;
    }

    @Override
    public List<FaceLandmarks> detect(RgbImage image) {
        Pyramid pyramid = new Pyramid(image);
        List<FaceLandmarks> out = new ArrayList<>();
        for (FaceBox box : detector.detect(pyramid)) {
            FaceLandmarks f = landmarks(pyramid, box);
            if (f.score() >= minPresence) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public FaceLandmarks detectInBox(RgbImage image, FaceBox box) {
        return landmarks(new Pyramid(image), box);
    }

    private FaceLandmarks landmarks(Pyramid pyramid, FaceBox box) {
        FaceMesh.Result r = mesh.track(pyramid, FaceRoi.fromBox(box));
        return new FaceLandmarks(box, r.presence(), Ibug68FromFaceMesh.points68(r.dense()), r.dense(), "mediapipe");
    }
}
