package io.face3d.vision.dlib;

import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceDetector;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * dlib's 68 landmarks on the faces another detector finds: each detected box is first mapped to the box dlib's
 * HOG detector would have given ({@link DetectorBoxMapping}, calibrated with {@code DetectorBoxCalibration} in module tools),
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

    /**
     * The box from another detector's 68 points: the square box in which dlib's mean shape (the cascade's start,
     * in unit-box coordinates) best fits the inner points 17-67 (least squares over position and size; the jaw is
     * left out because detectors place it differently). That is the box the cascade expects on average, since the
     * mean shape is the training shapes' mean relative to their HOG boxes; it follows a turned face the way the
     * HOG box does, where a detection box stays centred on the head.
     *
     * @param points 68 points, x, y interleaved, in CONVENTIONS' frame (pixel centres at i + 0.5)
     */
    public static FaceBox boxFromPoints(double[] points, float[] meanShape, double score) {
        int n = 0;
        double mx = 0, my = 0, px = 0, py = 0;
        for (int i = 17; i < 68; i++, n++) {
            mx += meanShape[2 * i];
            my += meanShape[2 * i + 1];
            px += points[2 * i] - 0.5; // dlib works in pixel indices
            py += points[2 * i + 1] - 0.5;
        }
        mx /= n;
        my /= n;
        px /= n;
        py /= n;
        double num = 0, den = 0;
        for (int i = 17; i < 68; i++) {
            double dx = meanShape[2 * i] - mx, dy = meanShape[2 * i + 1] - my;
            num += dx * (points[2 * i] - 0.5 - px) + dy * (points[2 * i + 1] - 0.5 - py);
            den += dx * dx + dy * dy;
        }
        double s = num / den; // the unnormalising scale, box width - 1
        return new FaceBox(px - s * mx, py - s * my, s + 1, s + 1, score, null);
    }

    @Override
    public FaceLandmarks detectInBox(RgbImage image, FaceBox box) {
        return new FaceLandmarks(box, box.score(), predictor.predict(image, box), null, "dlib");
    }
}
