package io.face3d.fit.photometric;

import io.face3d.core.image.RgbImage;

/**
 * A float RGB image (interleaved, values in [0, 1]) with bilinear sampling and gradients, the working image of
 * the photometric fit. Pixel centres at (i + 0.5, j + 0.5) as in CONVENTIONS.md.
 */
record FloatImage(int width, int height, float[] rgb) {

    /**
     * Crops and resamples a photo: work pixel (x, y) averages taps x taps bilinear samples of the photo over its
     * footprint [x0 + x / scale, x0 + (x + 1) / scale), so work position u maps to photo position x0 + u / scale
     * exactly (pixel centres at +0.5 in both).
     */
    static FloatImage crop(RgbImage photo, double x0, double y0, double scale, int w, int h) {
        float[] out = new float[3 * w * h];
        int taps = Math.max(1, (int) Math.ceil(1 / scale));
        int pw = photo.width(), ph = photo.height();
        byte[] px = photo.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0, g = 0, b = 0;
                for (int j = 0; j < taps; j++) {
                    for (int i = 0; i < taps; i++) {
                        double fx = x0 + (x + (i + 0.5) / taps) / scale - 0.5, fy = y0 + (y + (j + 0.5) / taps) / scale - 0.5;
                        fx = Math.max(0, Math.min(pw - 1.001, fx));
                        fy = Math.max(0, Math.min(ph - 1.001, fy));
                        int ix = (int) fx, iy = (int) fy;
                        double ax = fx - ix, ay = fy - iy;
                        int jx = Math.min(pw - 1, ix + 1), jy = Math.min(ph - 1, iy + 1);
                        int i00 = 3 * (iy * pw + ix), i10 = 3 * (iy * pw + jx), i01 = 3 * (jy * pw + ix), i11 = 3 * (jy * pw + jx);
                        double w00 = (1 - ax) * (1 - ay), w10 = ax * (1 - ay), w01 = (1 - ax) * ay, w11 = ax * ay;
                        r += w00 * (px[i00] & 0xff) + w10 * (px[i10] & 0xff) + w01 * (px[i01] & 0xff) + w11 * (px[i11] & 0xff);
                        g += w00 * (px[i00 + 1] & 0xff) + w10 * (px[i10 + 1] & 0xff) + w01 * (px[i01 + 1] & 0xff) + w11 * (px[i11 + 1] & 0xff);
                        b += w00 * (px[i00 + 2] & 0xff) + w10 * (px[i10 + 2] & 0xff) + w01 * (px[i01 + 2] & 0xff) + w11 * (px[i11 + 2] & 0xff);
                    }
                }
                double n = 255.0 * taps * taps;
                int o = 3 * (y * w + x);
                out[o] = (float) (r / n);
                out[o + 1] = (float) (g / n);
                out[o + 2] = (float) (b / n);
            }
        }
        return new FloatImage(w, h, out);
    }

    /** Half resolution by 2x2 box averaging. */
    FloatImage half() {
        int w = Math.max(1, width / 2), h = Math.max(1, height / 2);
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0;
                    for (int d = 0; d < 4; d++) {
                        int xx = Math.min(width - 1, 2 * x + (d & 1)), yy = Math.min(height - 1, 2 * y + (d >> 1));
                        s += rgb[3 * (yy * width + xx) + c];
                    }
                    out[3 * (y * w + x) + c] = s / 4;
                }
            }
        }
        return new FloatImage(w, h, out);
    }

    /** Bilinear colour at image position (u, v) into out[0..3); false outside the image. */
    boolean sample(double u, double v, double[] out) {
        double fx = u - 0.5, fy = v - 0.5;
        if (fx < 0 || fy < 0 || fx > width - 1 || fy > height - 1) {
            return false;
        }
        int x0 = Math.min((int) fx, width - 2), y0 = Math.min((int) fy, height - 2);
        double ax = fx - x0, ay = fy - y0;
        int i00 = 3 * (y0 * width + x0), i10 = i00 + 3, i01 = i00 + 3 * width, i11 = i01 + 3;
        for (int c = 0; c < 3; c++) {
            out[c] = (1 - ay) * ((1 - ax) * rgb[i00 + c] + ax * rgb[i10 + c]) + ay * ((1 - ax) * rgb[i01 + c] + ax * rgb[i11 + c]);
        }
        return true;
    }

    /**
     * Colour and its image gradient at (u, v): out[c] colour, out[3 + 2c] d/du, out[4 + 2c] d/dv, from central
     * differences one pixel apart of the bilinear image; false near the border. {@code a} and {@code b} are
     * caller-owned scratch arrays of 3 (no allocation per sample).
     */
    boolean sampleWithGradient(double u, double v, double[] out, double[] a, double[] b) {
        if (u < 2 || v < 2 || u > width - 2 || v > height - 2) {
            return false;
        }
        sample(u, v, out);
        sample(u + 1, v, a);
        sample(u - 1, v, b);
        for (int c = 0; c < 3; c++) {
            out[3 + 2 * c] = (a[c] - b[c]) / 2;
        }
        sample(u, v + 1, a);
        sample(u, v - 1, b);
        for (int c = 0; c < 3; c++) {
            out[4 + 2 * c] = (a[c] - b[c]) / 2;
        }
        return true;
    }
}
