package io.face3d.vision;

import io.face3d.core.geom.Box2;
import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Face boxes drawn around another detector's landmarks: the extent (bounding box) of the 68 points. Used to give
 * dlib's predictor its box from MediaPipe: the extent of the landmarks follows a turned face the way dlib's HOG box
 * does, while MediaPipe's detection box stays centred on the head (on renders at 20 degrees of yaw the mapped
 * detection box put dlib's points 25% of the inter-ocular distance off; the mapped extent box, 6%).
 */
public final class LandmarkExtentDetector implements FaceDetector {
    private final LandmarkDetector landmarks;

    public LandmarkExtentDetector(LandmarkDetector landmarks) {
        this.landmarks = landmarks;
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        List<FaceBox> out = new ArrayList<>();
        for (FaceLandmarks f : landmarks.detect(image)) {
            out.add(extent(f.points(), f.box().score()));
        }
        return out;
    }

    /** The bounding box of 68 points (x, y interleaved). */
    public static FaceBox extent(double[] points, double score) {
        Box2 b = Box2.of(points, 2);
        return new FaceBox(b.minX(), b.minY(), b.width(), b.height(), score, null);
    }
}
