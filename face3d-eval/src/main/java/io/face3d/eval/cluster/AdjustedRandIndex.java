package io.face3d.eval.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Adjusted Rand index of two labellings (Hubert and Arabie 1985): 1 for identical partitions up to renaming,
 * about 0 for independent ones.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    public static double of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("labellings differ in length: " + truth.length + " vs " + predicted.length);
        }
        int n = truth.length;
        Map<Long, Integer> pairs = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>(), cols = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pairs.merge(((long) truth[i] << 32) ^ (predicted[i] & 0xffffffffL), 1, Integer::sum);
            rows.merge(truth[i], 1, Integer::sum);
            cols.merge(predicted[i], 1, Integer::sum);
        }
        double index = pairs.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double a = rows.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double b = cols.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double expected = a * b / choose2(n);
        double max = (a + b) / 2;
        if (max == expected) {
            return 1;
        }
        return (index - expected) / (max - expected);
    }

    private static double choose2(int m) {
        return m * (m - 1) / 2.0;
    }
}
