package io.face3d.eval.plot;

/**
 * The viridis colour map (van der Walt and Smith, matplotlib 2015): perceptually uniform and readable by colour-blind
 * viewers, so equal steps of error look like equal steps of colour. Piecewise-linear through nine of its colours.
 */
public final class ColorMap {
    private static final int[] VIRIDIS = {0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863,
        0xaadc32, 0xfde725};

    /**
     * ColorBrewer's RdBu (Harrower and Brewer, The Cartographic Journal 2003), blue to white to red: a diverging map
     * for signed values, white at zero, readable by colour-blind viewers.
     */
    private static final int[] RDBU = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
        0xd6604d, 0xb2182b};

    private ColorMap() {
    }

    /** Packed 0xRRGGBB for t in [0, 1] (clamped). */
    public static int viridis(double t) {
        return interpolate(VIRIDIS, t);
    }

    /** Packed 0xRRGGBB for t in [-1, 1] (clamped): -1 blue, 0 white, 1 red. */
    public static int diverging(double t) {
        return interpolate(RDBU, (Double.isNaN(t) ? 0 : t) / 2 + 0.5);
    }

    private static int interpolate(int[] stops, double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        int a = stops[i], b = stops[i + 1];
        int r = (int) Math.round((a >> 16 & 255) * (1 - f) + (b >> 16 & 255) * f);
        int g = (int) Math.round((a >> 8 & 255) * (1 - f) + (b >> 8 & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return r << 16 | g << 8 | bl;
    }
}
