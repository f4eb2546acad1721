package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Boxes for dlib's predictor from another detector's landmarks ({@link DlibLandmarkDetector#boxFromPoints}): where
 * dlib's HOG detector is not run, this gives the predictor the box its mean shape expects.
 */
public final class MeanShapeBoxDetector implements FaceDetector {
    private final LandmarkDetector landmarks;
    private final float[] meanShape;

    public MeanShapeBoxDetector(LandmarkDetector landmarks, DlibModel model) {
        this.landmarks = landmarks;
        this.meanShape = model.initialShape();
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        List<FaceBox> out = new ArrayList<>();
        for (FaceLandmarks f : landmarks.detect(image)) {
            out.add(DlibLandmarkDetector.boxFromPoints(f.points(), meanShape, f.box().score()));
        }
        return out;
    }
}
