package io.face3d.fit.render;

/**
 * An 8-bit RGB image as one interleaved byte array (r, g, b per pixel, rows top to bottom), the same layout as
 * face3d-vision's {@code RgbImage} (which face3d-fit cannot depend on): pixel (x, y) starts at 3 (y width + x).
 */
public record RgbPixels(int width, int height, byte[] rgb) {
    public RgbPixels {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("rgb must hold 3 * width * height bytes");
        }
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
    public static RgbPixels fromFloats(int width, int height, float[] values) {
        byte[] b = new byte[3 * width * height];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
        return new RgbPixels(width, height, b);
    }
}
