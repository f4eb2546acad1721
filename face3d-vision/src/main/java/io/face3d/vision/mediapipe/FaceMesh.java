package io.face3d.vision.mediapipe;

import java.nio.file.Path;

/**
 * MediaPipe FaceMesh (Kartynnik et al., "Real-time Facial Surface Geometry from Monocular Video on Mobile GPUs",
 * 2019): 468 3D points from a 192 x 192 crop ([0, 1], RGB, replicated border, as face_landmark_cpu.pbtxt's
 * ImageToTensorCalculator), mapped back to image pixels as LandmarkProjectionCalculator does, z scaled like x
 * (z pixels = z tensor / 192 * ROI side). Thread-safe (see {@link TfliteModel}).
 */
final class FaceMesh {
    static final int POINTS = 468;
    private static final int SIZE = 192;

    /** @param dense x, y, z per point, image pixels; @param presence sigmoid of the face flag */
    record Result(double[] dense, double presence, FaceRoi roi) {
    }

    private final TfliteModel model;

    FaceMesh(Path file) {
        this.model = new TfliteModel(file, SIZE);
    }

    Result run(Pyramid image, FaceRoi roi) {
        double[] a = roi.tensorToImage(SIZE);
        float[] input = new float[3 * SIZE * SIZE];
        image.sample(SIZE, a, true, 0f, 1f, input);
        float[][] out = model.run(input);
        float[] points = out[0].length == 3 * POINTS ? out[0] : out[1];
        float[] flag = out[0].length == 3 * POINTS ? out[1] : out[0];
        if (points.length != 3 * POINTS || flag.length != 1) {
            throw new IllegalStateException("face_landmark.tflite gave outputs of " + out[0].length + " and "
                + out[1].length + " numbers, expected 1404 and 1");
        }
        double[] dense = new double[3 * POINTS];
        double zScale = roi.size() / SIZE;
        for (int i = 0; i < POINTS; i++) {
            double u = points[3 * i], v = points[3 * i + 1];
            dense[3 * i] = a[0] * u + a[1] * v + a[2];
            dense[3 * i + 1] = a[3] * u + a[4] * v + a[5];
            dense[3 * i + 2] = points[3 * i + 2] * zScale;
        }
        double presence = 1.0 / (1.0 + Math.exp(-flag[0]));
        return new Result(dense, presence, roi);
    }

    /** MediaPipe's loop for one face: crop from the box, run, re-crop from the mesh, run again. */
    Result track(Pyramid image, FaceRoi first) {
        Result r = run(image, first);
        return run(image, FaceRoi.fromMesh(r.dense()));
    }
}
