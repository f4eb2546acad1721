package io.face3d.fit.render;

import io.face3d.core.image.RgbImage;

/**
 * A float RGB texture (values in [0, 1], interleaved, rows top to bottom) over the ICT face and head UV tiles
 * u in [0, 2), v in [0, 1): the face area and the head share UDIM tiles 0 and 1 of the upstream layout, so this
 * texture is twice as wide as high and texel (x, y) covers u = 2 (x + 0.5) / width, v = 1 - (y + 0.5) / height.
 */
public record UvTexture(int width, int height, float[] rgb) {
    /** UV tiles covered horizontally. */
    public static final int TILES = 2;

    public UvTexture {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb must hold 3 * width * height values");
        }
    }

    /** Texel column of a u coordinate (continuous, texel centres at +0.5). */
    public double x(double u) {
        return u / TILES * width;
    }

    /** Texel row of a v coordinate (continuous). */
    public double y(double v) {
        return (1 - v) * height;
    }

    /** Bilinear sample at (u, v) into out[off .. off + 3), edges clamped. */
    public void sample(double u, double v, float[] out, int off) {
        double fx = x(u) - 0.5, fy = y(v) - 0.5;
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
        double ax = fx - x0, ay = fy - y0;
        int xa = clamp(x0, width), xb = clamp(x0 + 1, width), ya = clamp(y0, height), yb = clamp(y0 + 1, height);
        for (int c = 0; c < 3; c++) {
            double top = (1 - ax) * rgb[3 * (ya * width + xa) + c] + ax * rgb[3 * (ya * width + xb) + c];
            double bottom = (1 - ax) * rgb[3 * (yb * width + xa) + c] + ax * rgb[3 * (yb * width + xb) + c];
            out[off + c] = (float) ((1 - ay) * top + ay * bottom);
        }
    }

    /**
     * The UV charts of a mesh rasterised into a {@code TILES size x size} texel grid (triangles
     * {@code [0, triangles)} of {@code triangleUvs}): per texel its triangle and barycentric coordinates, the map from
     * texels to the surface.
     */
    public static Rasterizer charts(float[] uvs, int[] triangleUvs, int triangles, int size) {
        int w = TILES * size, h = size, uvCount = uvs.length / 2;
        float[] planar = new float[3 * uvCount];
        for (int i = 0; i < uvCount; i++) {
            planar[3 * i] = uvs[2 * i] / TILES * w;
            planar[3 * i + 1] = uvs[2 * i + 1] * h;
        }
        Rasterizer r = new Rasterizer(w, h).cullBackFaces(false);
        r.render(planar, uvCount, triangleUvs, triangles, io.face3d.core.geom.Pose.sop(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
            1, 0, h));
        return r;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }

    /** As 8-bit RGB. */
    public RgbImage toPixels() {
        float[] f = new float[rgb.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 255f * rgb[i];
        }
        return RgbImage.fromFloats(width, height, f);
    }
}
