package io.face3d.vision.mediapipe;

import io.face3d.core.image.RgbImage;

/**
 * Fills a model's NCHW float input from an RGB image through an affine map (MediaPipe's ImageToTensorCalculator:
 * a possibly rotated rectangle of the image becomes the S x S tensor), with bilinear sampling at pixel centres
 * and a value range [lo, hi] for 0..255.
 * <p>
 * OpenCV's warpAffine was rejected here: on 8-bit images it quantises sample positions to 1/32 pixel, and it needs
 * the whole photo copied to native memory (150 MB for 50 megapixels) although only S x S samples are read. This
 * sampler reads the Java array in place (about 0.3 ms for 192 x 192) and is the same arithmetic as the reference
 * in tools/mediapipe-reference, so goldens compare the models and the geometry, not two resamplers.
 */
final class TensorSampler {
    private TensorSampler() {
    }

    /**
     * @param image     source
     * @param size      tensor side S
     * @param a         affine map from tensor coordinates to image coordinates, both in the CONVENTIONS.md frame
     *                  (pixel centres at i + 0.5): {@code x = a0 u + a1 v + a2, y = a3 u + a4 v + a5}
     * @param replicate true: samples outside the image take the nearest edge pixel (BORDER_REPLICATE);
     *                  false: they are black (BORDER_ZERO, i.e. value {@code lo})
     * @param out       receives 3 * S * S floats, planes R, G, B
     */
    static void sample(RgbImage image, int size, double[] a, boolean replicate, float lo, float hi, float[] out) {
        int w = image.width(), h = image.height();
        byte[] rgb = image.rgb();
        double scale = (hi - lo) / 255.0;
        int plane = size * size;
        for (int j = 0; j < size; j++) {
            double v = j + 0.5;
            // continuous image position of tensor pixel (0, j) -> index space where pixel k's centre is at k
            double x = a[0] * 0.5 + a[1] * v + a[2] - 0.5;
            double y = a[3] * 0.5 + a[4] * v + a[5] - 0.5;
            for (int i = 0, o = j * size; i < size; i++, o++, x += a[0], y += a[3]) {
                // (int) truncates toward zero: the same as floor for x >= 0, the common case, and much cheaper
                int x0 = x >= 0 ? (int) x : (int) Math.floor(x), y0 = y >= 0 ? (int) y : (int) Math.floor(y);
                double fx = x - x0, fy = y - y0;
                double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                    // interior: the four neighbours exist (almost every sample)
                    int p00 = 3 * (y0 * w + x0), p01 = p00 + 3 * w;
                    for (int c = 0; c < 3; c++) {
                        double sum = w00 * (rgb[p00 + c] & 0xff) + w10 * (rgb[p00 + 3 + c] & 0xff)
                            + w01 * (rgb[p01 + c] & 0xff) + w11 * (rgb[p01 + 3 + c] & 0xff);
                        out[o + c * plane] = (float) (lo + scale * sum);
                    }
                } else if (!replicate && (x <= -1 || y <= -1 || x >= w || y >= h)) {
                    out[o] = lo;
                    out[o + plane] = lo;
                    out[o + 2 * plane] = lo;
                } else {
                    int p00 = pixel(x0, y0, w, h, replicate), p10 = pixel(x0 + 1, y0, w, h, replicate);
                    int p01 = pixel(x0, y0 + 1, w, h, replicate), p11 = pixel(x0 + 1, y0 + 1, w, h, replicate);
                    for (int c = 0; c < 3; c++) {
                        double sum = (p00 < 0 ? 0 : w00 * (rgb[p00 + c] & 0xff))
                            + (p10 < 0 ? 0 : w10 * (rgb[p10 + c] & 0xff))
                            + (p01 < 0 ? 0 : w01 * (rgb[p01 + c] & 0xff))
                            + (p11 < 0 ? 0 : w11 * (rgb[p11 + c] & 0xff));
                        out[o + c * plane] = (float) (lo + scale * sum);
                    }
                }
            }
        }
    }

    /** Byte offset of pixel (x, y), clamped to the image when replicating, -1 outside it otherwise. */
    private static int pixel(int x, int y, int w, int h, boolean replicate) {
        if (replicate) {
            x = Math.max(0, Math.min(w - 1, x));
            y = Math.max(0, Math.min(h - 1, y));
        } else if (x < 0 || y < 0 || x >= w || y >= h) {
            return -1;
        }
        return 3 * (y * w + x);
    }

    /**
     * Halves an image by 2 x 2 box averaging (a trailing odd row or column is dropped), so image position p maps to
     * p / 2 exactly. Used before sampling whenever the tensor would shrink the image by more than 2, which bilinear
     * sampling alone would alias.
     */
    static RgbImage halve(RgbImage image) {
        int w = image.width() / 2, h = image.height() / 2;
        if (w < 1 || h < 1) {
            return image;
        }
        int sw = image.width();
        byte[] src = image.rgb();
        byte[] dst = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            int s0 = 3 * (2 * y) * sw, s1 = s0 + 3 * sw, o = 3 * y * w;
            for (int x = 0; x < w; x++, s0 += 6, s1 += 6, o += 3) {
                dst[o] = (byte) (((src[s0] & 0xff) + (src[s0 + 3] & 0xff) + (src[s1] & 0xff) + (src[s1 + 3] & 0xff) + 2) >> 2);
                dst[o + 1] = (byte) (((src[s0 + 1] & 0xff) + (src[s0 + 4] & 0xff) + (src[s1 + 1] & 0xff) + (src[s1 + 4] & 0xff) + 2) >> 2);
                dst[o + 2] = (byte) (((src[s0 + 2] & 0xff) + (src[s0 + 5] & 0xff) + (src[s1 + 2] & 0xff) + (src[s1 + 5] & 0xff) + 2) >> 2);
            }
        }
        return new RgbImage(w, h, dst);
    }
}
