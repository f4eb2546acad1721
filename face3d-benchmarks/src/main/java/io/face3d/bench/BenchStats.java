package io.face3d.bench;

import java.util.Arrays;

/** Summary statistics the bench suites report. */
public final class BenchStats {
    private BenchStats() {
    }

    /** The median of the values (the mean of the middle two for an even count); the input is not changed. */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
