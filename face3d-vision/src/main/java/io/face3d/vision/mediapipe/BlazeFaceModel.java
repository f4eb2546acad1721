package io.face3d.vision.mediapipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One BlazeFace model (short or full range) on one square region of an image: letterbox the region into the S x S
 * input ([-1, 1], RGB, black padding: MediaPipe's ImageToTensorCalculator with keep_aspect_ratio and BORDER_ZERO),
 * run, decode, map back to image pixels (DetectionProjectionCalculator). Thread-safe (see {@link TfliteModel}).
 */
final class BlazeFaceModel {
    private final TfliteModel model;
    private final BlazeFaceDecoder decoder;

    BlazeFaceModel(Path file, SsdAnchors anchors, double minScore) {
        this.model = new TfliteModel(file, anchors.inputWidth());
        this.decoder = new BlazeFaceDecoder(anchors, minScore);
    }

    int inputSize() {
        return model.inputSize();
    }

    /**
     * Raw detections (before suppression) of the region (x0, y0, w, h), in image pixels. The region is padded to
     * a square of side max(w, h) around its centre, as MediaPipe pads the ROI to the tensor's aspect ratio.
     */
    List<Detection> detect(Pyramid image, double x0, double y0, double w, double h) {
        int s = model.inputSize();
        double side = Math.max(w, h);
        double left = x0 + w / 2 - side / 2, top = y0 + h / 2 - side / 2;
        double k = side / s;
        float[] input = new float[3 * s * s];
        image.sample(s, new double[]{k, 0, left, 0, k, top}, false, -1f, 1f, input);
        float[][] out = model.run(input);
        float[] scores = out[0].length < out[1].length ? out[0] : out[1];
        float[] boxes = out[0].length < out[1].length ? out[1] : out[0];
        List<Detection> found = new ArrayList<>();
        for (Detection d : decoder.decode(boxes, scores)) {
            double[] kp = d.keypoints();
            for (int i = 0; i < kp.length; i += 2) {
                kp[i] = left + kp[i] * side;
                kp[i + 1] = top + kp[i + 1] * side;
            }
            found.add(new Detection(left + d.xmin() * side, top + d.ymin() * side, d.width() * side,
                d.height() * side, d.score(), kp));
        }
        return found;
    }
}
