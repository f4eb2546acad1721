package io.face3d.vision.mediapipe;

/**
 * One BlazeFace detection before it becomes a {@link io.face3d.vision.FaceBox}: an axis-aligned box
 * (xmin, ymin, width, height), its score and six keypoints (x, y interleaved), all in one coordinate frame that
 * the producer names (normalised model input or image pixels).
 */
record Detection(double xmin, double ymin, double width, double height, double score, double[] keypoints) {
    double xmax() {
        return xmin + width;
    }

    double ymax() {
        return ymin + height;
    }

    /** Intersection over union with another detection (0 when either box is empty). */
    double iou(Detection o) {
        double iw = Math.min(xmax(), o.xmax()) - Math.max(xmin, o.xmin);
        double ih = Math.min(ymax(), o.ymax()) - Math.max(ymin, o.ymin);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = width * height + o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
