package io.face3d.vision.dlib;

import io.face3d.core.image.RgbImage;

/**
 * Synthetic RGB images made from integer formulas shared with tools/dlib-reference (its {@code synth:} source),
 * so dlib's C++ output on them can be stored as a fixture without storing the images. dlib's predictor does not
 * need a face to be compared with: on noise it still runs every tree on well-defined pixels.
 */
final class SyntheticImages {
    private SyntheticImages() {
    }

    /** {@code spec} is KIND:W:H:SEED with KIND noise, gradient or mixed. */
    static RgbImage make(String spec) {
        String[] f = spec.split(":");
        String kind = f[0];
        int w = Integer.parseInt(f[1]), h = Integer.parseInt(f[2]);
        int seed = (int) Long.parseLong(f[3]);
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int noise = hash(seed, x, y, c) & 255;
                    int grad = c == 0 ? x * 255 / (w - 1) : c == 1 ? y * 255 / (h - 1) : (x + y) * 255 / (w + h - 2);
                    int v = switch (kind) {
                        case "noise" -> noise;
                        case "gradient" -> grad;
                        case "mixed" -> Math.max(0, Math.min(255, grad + (noise >> 2) - 32));
                        default -> throw new IllegalArgumentException("unknown synthetic image kind " + kind);
                    };
                    rgb[3 * (y * w + x) + c] = (byte) v;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** A 32-bit integer mix (unsigned arithmetic as in the C++ twin). */
    static int hash(int seed, int x, int y, int c) {
        int h = seed * 0x9E3779B1 ^ x * 0x85EBCA77 ^ y * 0xC2B2AE3D ^ c * 0x27D4EB2F;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        h *= 0x297A2D39;
        h ^= h >>> 15;
        return h;
    }
}
