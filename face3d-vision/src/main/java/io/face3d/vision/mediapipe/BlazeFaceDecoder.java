package io.face3d.vision.mediapipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns BlazeFace's raw tensors into detections as MediaPipe's {@code TensorsToDetectionsCalculator} does with the
 * face-detection graph options: 16 numbers per anchor (box centre offset x, y, width, height, then six keypoints
 * x, y; "reverse_output_order", i.e. x before y), each divided by the input size (x_scale = y_scale = w_scale =
 * h_scale = input size) and laid on the anchor; score = sigmoid of the logit clipped to +-100
 * ("score_clipping_thresh"); detections under the minimum score are dropped. Output coordinates are normalised to
 * the model input, [0, 1].
 */
final class BlazeFaceDecoder {
    static final int NUM_COORDS = 16;
    static final int NUM_KEYPOINTS = 6;
    private static final double SCORE_CLIP = 100.0;

    private final double[] anchors;
    private final double scaleX;
    private final double scaleY;
    private final double minScore;

    BlazeFaceDecoder(SsdAnchors options, double minScore) {
        this.anchors = options.generate();
        this.scaleX = options.inputWidth();
        this.scaleY = options.inputHeight();
        this.minScore = minScore;
    }

    int numAnchors() {
        return anchors.length / 4;
    }

    /**
     * @param boxes  raw regressors, {@code numAnchors * 16}
     * @param scores raw classifier logits, {@code numAnchors}
     */
    List<Detection> decode(float[] boxes, float[] scores) {
        int n = numAnchors();
        if (boxes.length != n * NUM_COORDS || scores.length != n) {
            throw new IllegalStateException("model output has " + boxes.length + " box numbers and " + scores.length
                + " scores for " + n + " anchors");
        }
        List<Detection> out = new ArrayList<>();
        // sigmoid is monotonic: compare logits first and take exp() only for the few anchors that pass
        double minLogit = Math.log(minScore / (1 - minScore)) - 1e-9;
        for (int i = 0; i < n; i++) {
            double logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, scores[i]));
            if (logit < minLogit) {
                continue;
            }
            double score = 1.0 / (1.0 + Math.exp(-logit));
            if (score < minScore) {
                continue;
            }
            double ax = anchors[4 * i], ay = anchors[4 * i + 1], aw = anchors[4 * i + 2], ah = anchors[4 * i + 3];
            int o = i * NUM_COORDS;
            double xc = boxes[o] / scaleX * aw + ax;
            double yc = boxes[o + 1] / scaleY * ah + ay;
            double w = boxes[o + 2] / scaleX * aw;
            double h = boxes[o + 3] / scaleY * ah;
            double[] kp = new double[2 * NUM_KEYPOINTS];
            for (int k = 0; k < NUM_KEYPOINTS; k++) {
                kp[2 * k] = boxes[o + 4 + 2 * k] / scaleX * aw + ax;
                kp[2 * k + 1] = boxes[o + 5 + 2 * k] / scaleY * ah + ay;
            }
            out.add(new Detection(xc - w / 2, yc - h / 2, w, h, score, kp));
        }
        return out;
    }
}
