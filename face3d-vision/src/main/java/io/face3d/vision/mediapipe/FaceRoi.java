package io.face3d.vision.mediapipe;

import io.face3d.core.geom.Box2;
import io.face3d.vision.FaceBox;

/**
 * The square, rotated region FaceMesh looks at, in image pixels: centre, side and rotation (radians; positive
 * turns the crop's x axis from image +x toward image +y, i.e. clockwise on screen), as MediaPipe's NormalizedRect
 * after DetectionsToRectsCalculator + RectTransformationCalculator (scale 1.5, square_long) of
 * face_detection_front_detection_to_roi.pbtxt and face_landmarks_to_roi.pbtxt.
 */
record FaceRoi(double cx, double cy, double size, double angle) {
    /** Enlargement of the face box (MediaPipe's scale_x = scale_y = 1.5). */
    static final double SCALE = 1.5;
    /** FaceMesh indices whose line gives the roll on refinement: right and left eye outer corners. */
    static final int RIGHT_EYE_CORNER = 33, LEFT_EYE_CORNER = 263;

    /**
     * From a detection: the box's centre and long side x 1.5; the rotation levels the line from the right eye
     * keypoint to the left one (target angle 0). A box without keypoints gets no rotation.
     */
    static FaceRoi fromBox(FaceBox box) {
        double[] kp = box.keypoints();
        double angle = kp.length >= 4 ? levelAngle(kp[0], kp[1], kp[2], kp[3]) : 0;
        return new FaceRoi(box.x() + box.width() / 2, box.y() + box.height() / 2,
            SCALE * Math.max(box.width(), box.height()), angle);
    }

    /** From a mesh (x, y, z triples, pixels): its axis-aligned bounds, rotation from eye corner 33 to 263. */
    static FaceRoi fromMesh(double[] dense) {
        Box2 b = Box2.of(dense, 3);
        int r = 3 * RIGHT_EYE_CORNER, l = 3 * LEFT_EYE_CORNER;
        double angle = levelAngle(dense[r], dense[r + 1], dense[l], dense[l + 1]);
        return new FaceRoi(b.centreX(), b.centreY(), SCALE * Math.max(b.width(), b.height()), angle);
    }

    /** MediaPipe: rotation = NormalizeRadians(target - atan2(-(y1 - y0), x1 - x0)), target 0, y down. */
    private static double levelAngle(double xr, double yr, double xl, double yl) {
        double a = -Math.atan2(-(yl - yr), xl - xr);
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }

    /** Affine map from an S x S tensor's coordinates to image coordinates (see {@link TensorSampler}). */
    double[] tensorToImage(int s) {
        double c = Math.cos(angle), sn = Math.sin(angle), k = size / s;
        return new double[]{c * k, -sn * k, cx - (c - sn) * size / 2, sn * k, c * k, cy - (sn + c) * size / 2};
    }
}
