package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.vision.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * dlib's 68 landmarks on the faces another detector finds: each detected box is first mapped to the box dlib's
 * HOG detector would have given ({@link DetectorBoxMapping}, calibrated with {@link DetectorBoxCalibration}),
 * because the predictor was trained on HOG boxes and its points follow the box. Given a box
 * ({@link #detectInBox}), the predictor runs on exactly that box, in dlib's rectangle convention.
 * Thread-safe when the face detector is.
 */
public final class DlibLandmarkDetector implements LandmarkDetector {
    private final FaceDetector detector;
    private final DetectorBoxMapping toHogBox;
    private final DlibShapePredictor predictor;

    public DlibLandmarkDetector(FaceDetector detector, DetectorBoxMapping toHogBox, DlibShapePredictor predictor) {
        this.detector = detector;
        this.toHogBox = toHogBox;
        this.predictor = predictor;
    }

    /** Faces in the detector's order; each box is the mapped (HOG-like) box the predictor ran on. */
    @Override
    public List<FaceLandmarks> detect(RgbImage image) {
        List<FaceLandmarks> out = new ArrayList<>();
        for (FaceBox b : detector.detect(image)) {
            FaceBox hog = toHogBox.apply(b);
            if (hog.width() >= 1 && hog.height() >= 1) {
                out.add(new FaceLandmarks(hog, b.score(), predictor.predict(image, hog), null, "dlib"));
            }
        }
        return out;
    }

    @Override
    public FaceLandmarks detectInBox(RgbImage image, FaceBox box) {
        return new FaceLandmarks(box, box.score(), predictor.predict(image, box), null, "dlib");
    }
}
