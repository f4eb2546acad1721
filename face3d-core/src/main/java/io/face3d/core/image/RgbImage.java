package io.face3d.core.image;

/**
 * An 8-bit RGB image as one interleaved byte array (r, g, b per pixel, rows top to bottom): no object per
 * pixel. Pixel (x, y) starts at index 3 * (y * width + x). The one image type of every module (vision decodes
 * photos into it, fit renders into it).
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("rgb must hold 3 * width * height bytes");
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(3, Math.multiplyExact(width, height))]);
    }

    /** Channel c (0 r, 1 g, 2 b) of pixel (x, y) as 0..255. */
    public int get(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xff;
    }

    /** The image as floats in [0, 255], interleaved like {@link #rgb()}. */
    public float[] toFloats() {
        float[] f = new float[rgb.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = rgb[i] & 0xff;
        }
        return f;
    }

    /** An image from interleaved floats in [0, 255] (rounded, clamped). */
    public static RgbImage fromFloats(int width, int height, float[] values) {
        byte[] b = new byte[3 * width * height];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
        return new RgbImage(width, height, b);
    }
}
