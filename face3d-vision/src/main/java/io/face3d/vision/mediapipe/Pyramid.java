package io.face3d.vision.mediapipe;

import io.face3d.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * An image and its successive halvings ({@link TensorSampler#halve}), made on demand and kept for one call, so
 * that a tensor never samples an image more than 2x larger than itself (bilinear sampling would alias), whatever
 * the photo's size: level k has coordinates image / 2^k.
 */
final class Pyramid {
    private final List<RgbImage> levels = new ArrayList<>();

    Pyramid(RgbImage image) {
        levels.add(image);
    }

    RgbImage base() {
        return levels.get(0);
    }

    /** The coarsest level whose pixels are still at most 2 per tensor pixel, given image pixels per tensor pixel. */
    int levelFor(double imagePixelsPerTensorPixel) {
        int k = 0;
        while (imagePixelsPerTensorPixel / (1 << k) > 2.0 && level(k + 1).width() < level(k).width()) {
            k++;
        }
        return k;
    }

    RgbImage level(int k) {
        while (levels.size() <= k) {
            levels.add(TensorSampler.halve(levels.get(levels.size() - 1)));
        }
        return levels.get(k);
    }

    /**
     * Samples a tensor from the right level: {@code a} maps tensor to full-resolution image coordinates and the
     * scale of that map decides the level.
     */
    void sample(int size, double[] a, boolean replicate, float lo, float hi, float[] out) {
        double pixelsPerTensorPixel = Math.sqrt(Math.abs(a[0] * a[4] - a[1] * a[3]));
        int k = levelFor(pixelsPerTensorPixel);
        double f = 1.0 / (1 << k);
        double[] ak = {a[0] * f, a[1] * f, a[2] * f, a[3] * f, a[4] * f, a[5] * f};
        TensorSampler.sample(level(k), size, ak, replicate, lo, hi, out);
    }
}
