package io.face3d.vision;

/**
 * A detected face: box in image pixels (left, top, width, height; dlib's rectangle convention), a score in
 * [0, 1], and optional keypoints (x, y interleaved; MediaPipe's six: right eye, left eye, nose tip, mouth centre,
 * right ear tragion, left ear tragion, "right"/"left" being the subject's own side).
 */
public record FaceBox(double x, double y, double width, double height, double score, double[] keypoints) {
    public FaceBox {
        keypoints = keypoints == null ? new double[0] : keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }
}
