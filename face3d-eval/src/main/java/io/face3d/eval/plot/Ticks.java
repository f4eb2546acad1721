package io.face3d.eval.plot;

import java.util.Locale;

/** Axis ticks at "nice" numbers (1, 2, 5 times a power of ten; Heckbert, Graphics Gems, 1990). */
public final class Ticks {
    private Ticks() {
    }

    /** About {@code target} tick values covering [lo, hi]. */
    public static double[] nice(double lo, double hi, int target) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is >= raw. */
    public static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** A nice number >= v, for the upper end of a scale. */
    public static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double step = niceStep(v / 5);
        return Math.ceil(v / step - 1e-9) * step;
    }

    public static String label(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }
}
