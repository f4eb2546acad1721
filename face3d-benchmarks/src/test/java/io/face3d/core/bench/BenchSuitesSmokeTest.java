package io.face3d.core.bench;

import io.face3d.core.assets.ModelAssets;
import io.face3d.core.testing.RequiredAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered benchmark suite runs end to end at size 1 (the smallest setting) and returns a report
 * section: a suite that no longer runs fails the build instead of the next person who measures with it.
 */
class BenchSuitesSmokeTest {
    /**
     * Suites whose size-1 run still takes minutes (fixed extra tables: fit's per-person and jaw tables, eval's
     * 5M-triangle scan, assess's grading set, multi's clustering draws, video's 10 s clips): 100-560 s each on the shared 2-core
     * machine. They need a smallest setting of their own before they can join.
     */
    static final Set<String> HEAVY = Set.of("assess", "eval", "fit", "multi", "video");

    static List<String> suites() {
        return StreamSupport.stream(ServiceLoader.load(BenchSuite.class).spliterator(), false)
            .map(BenchSuite::name).sorted().toList();
    }

    static List<String> lightSuites() {
        return suites().stream().filter(s -> !HEAVY.contains(s)).toList();
    }

    @Test
    void everySuiteIsRegistered() {
        assertTrue(suites().containsAll(List.of("assess", "detectors", "eval", "fit", "lift", "mediapipe", "multi",
            "occlusion", "photometric", "reconstruct", "renders")), suites().toString());
    }

    @ParameterizedTest
    @MethodSource("lightSuites")
    void runsAtSizeOne(String name, @TempDir Path out) {
        RequiredAssets.require(Files.isRegularFile(ModelAssets.defaults().faceLandmark()), "model assets");
        BenchSuite suite = StreamSupport.stream(ServiceLoader.load(BenchSuite.class).spliterator(), false)
            .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        BenchSuite.Result r = suite.run(new BenchSuite.Context(out, 1, 1, msg -> { }));
        assertFalse(r.markdown().isBlank(), name + " gave an empty section");
        assertTrue(r.markdown().contains("|"), name + " gave no table:\n" + r.markdown());
    }
}
