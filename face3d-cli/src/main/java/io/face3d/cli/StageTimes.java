package io.face3d.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per named stage (ms), summed over repeats, in the order the stages first ran; one thread. */
final class StageTimes {
    private final Map<String, Double> ms = new LinkedHashMap<>();

    /** Runs {@code work}, adding its wall time to {@code stage}; returns its result. */
    <T> T time(String stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, (System.nanoTime() - t0) / 1e6);
        }
    }

    void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    void add(String stage, double millis) {
        ms.merge(stage, millis, Double::sum);
    }

    Map<String, Double> all() {
        return java.util.Collections.unmodifiableMap(ms);
    }

    double sum() {
        return ms.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
