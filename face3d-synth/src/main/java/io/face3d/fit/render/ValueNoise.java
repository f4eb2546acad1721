package io.face3d.fit.render;

/**
 * Deterministic lattice value noise (Perlin 1985 style, smoothstep-interpolated hashed lattice values) for the
 * procedural textures of the synthetic renders. Values lie in [-1, 1]; the seed selects the lattice.
 */
public final class ValueNoise {
    private final long seed;

    public ValueNoise(long seed) {
        this.seed = seed;
    }

    /** A hash of integer coordinates to [-1, 1]. */
    public double hash(long x, long y, long z) {
        long h = seed * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L + z * 0x27D4EB2F165667C5L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    /** Smooth noise at a 3D point (unit lattice spacing). */
    public double at(double x, double y, double z) {
        long xi = (long) Math.floor(x), yi = (long) Math.floor(y), zi = (long) Math.floor(z);
        double fx = smooth(x - xi), fy = smooth(y - yi), fz = smooth(z - zi);
        double v = 0;
        for (int c = 0; c < 8; c++) {
            int dx = c & 1, dy = (c >> 1) & 1, dz = (c >> 2) & 1;
            double w = (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy) * (dz == 1 ? fz : 1 - fz);
            v += w * hash(xi + dx, yi + dy, zi + dz);
        }
        return v;
    }

    /** Fractal sum of {@code octaves} octaves, each twice the frequency and half the amplitude; in about [-1, 1]. */
    public double fractal(double x, double y, double z, int octaves) {
        double sum = 0, amp = 1, norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amp * at(x, y, z);
            norm += amp;
            amp *= 0.5;
            x *= 2;
            y *= 2;
            z *= 2;
        }
        return sum / norm;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
