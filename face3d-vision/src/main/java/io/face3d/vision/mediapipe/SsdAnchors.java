package io.face3d.vision.mediapipe;

import java.util.Arrays;

/**
 * SSD anchors exactly as MediaPipe's {@code SsdAnchorsCalculator} generates them (mediapipe/calculators/tflite/
 * ssd_anchors_calculator.cc): layers that share a stride are merged into one feature map; each merged layer gets
 * one anchor per aspect ratio and scale, plus an "interpolated" anchor of scale sqrt(s_i * s_{i+1}) when
 * {@code interpolatedScaleAspectRatio > 0}; the scale of layer i is linear between min and max scale (Liu et al.,
 * SSD, ECCV 2016, eq. 4). Anchors are stored as flat arrays (x centre, y centre, width, height), normalised to
 * [0, 1] of the model input.
 *
 * @param numLayers                    number of layers (entries of {@code strides} used)
 * @param minScale                     scale of the first layer
 * @param maxScale                     scale of the last layer
 * @param inputWidth                   model input width, pixels
 * @param inputHeight                  model input height, pixels
 * @param anchorOffsetX                offset of the anchor centre inside a feature-map cell (MediaPipe: 0.5)
 * @param anchorOffsetY                same for y
 * @param strides                      stride of each layer, pixels
 * @param aspectRatios                 aspect ratios of each layer
 * @param interpolatedScaleAspectRatio aspect ratio of the interpolated anchor, 0 for none
 * @param fixedAnchorSize              every anchor has width = height = 1 (BlazeFace regresses sizes directly)
 */
public record SsdAnchors(int numLayers, double minScale, double maxScale, int inputWidth, int inputHeight,
                         double anchorOffsetX, double anchorOffsetY, int[] strides, double[] aspectRatios,
                         double interpolatedScaleAspectRatio, boolean fixedAnchorSize) {

    public SsdAnchors {
        if (numLayers <= 0 || strides == null || strides.length != numLayers) {
            throw new IllegalArgumentException("strides must hold numLayers entries");
        }
        if (aspectRatios == null || aspectRatios.length == 0) {
            throw new IllegalArgumentException("at least one aspect ratio is needed");
        }
        strides = strides.clone();
        aspectRatios = aspectRatios.clone();
    }

    /** BlazeFace short range (face_detection_short_range.pbtxt): 128x128, strides 8, 16, 16, 16; 896 anchors. */
    public static SsdAnchors shortRange() {
        return new SsdAnchors(4, 0.1484375, 0.75, 128, 128, 0.5, 0.5, new int[]{8, 16, 16, 16},
            new double[]{1.0}, 1.0, true);
    }

    /** BlazeFace full range (face_detection_full_range.pbtxt): 192x192, one layer of stride 4; 2304 anchors. */
    public static SsdAnchors fullRange() {
        return new SsdAnchors(1, 0.1484375, 0.75, 192, 192, 0.5, 0.5, new int[]{4},
            new double[]{1.0}, 0.0, true);
    }

    private static double scale(double min, double max, int index, int count) {
        return count == 1 ? (min + max) / 2 : min + (max - min) * index / (count - 1);
    }

    /** The anchors, 4 numbers each (x centre, y centre, width, height), in MediaPipe's order. */
    public double[] generate() {
        double[] out = new double[64];
        int n = 0;
        int layer = 0;
        while (layer < numLayers) {
            double[] heights = new double[64];
            double[] widths = new double[64];
            int count = 0;
            int last = layer;
            while (last < numLayers && strides[last] == strides[layer]) {
                double s = scale(minScale, maxScale, last, numLayers);
                for (double ar : aspectRatios) {
                    heights[count] = s / Math.sqrt(ar);
                    widths[count] = s * Math.sqrt(ar);
                    count++;
                }
                if (interpolatedScaleAspectRatio > 0) {
                    double next = last == numLayers - 1 ? 1.0 : scale(minScale, maxScale, last + 1, numLayers);
                    double s2 = Math.sqrt(s * next);
                    heights[count] = s2 / Math.sqrt(interpolatedScaleAspectRatio);
                    widths[count] = s2 * Math.sqrt(interpolatedScaleAspectRatio);
                    count++;
                }
                last++;
            }
            int stride = strides[layer];
            int fmH = (int) Math.ceil((double) inputHeight / stride);
            int fmW = (int) Math.ceil((double) inputWidth / stride);
            for (int y = 0; y < fmH; y++) {
                for (int x = 0; x < fmW; x++) {
                    for (int a = 0; a < count; a++) {
                        if (n + 4 > out.length) {
                            out = Arrays.copyOf(out, out.length * 2);
                        }
                        out[n++] = (x + anchorOffsetX) / fmW;
                        out[n++] = (y + anchorOffsetY) / fmH;
                        out[n++] = fixedAnchorSize ? 1.0 : widths[a];
                        out[n++] = fixedAnchorSize ? 1.0 : heights[a];
                    }
                }
            }
            layer = last;
        }
        return Arrays.copyOf(out, n);
    }
}
