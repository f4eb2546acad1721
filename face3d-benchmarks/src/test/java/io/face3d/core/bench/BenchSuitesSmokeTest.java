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
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered benchmark suite runs end to end in its quick setting (size 1, fixed extra tables cut down,
 * as {@code face3d bench --quick}) and returns a report section: a suite that no longer runs fails the build
 * instead of the next person who measures with it.
 */
class BenchSuitesSmokeTest {
    static List<String> suites() {
        return StreamSupport.stream(ServiceLoader.load(BenchSuite.class).spliterator(), false)
            .map(BenchSuite::name).sorted().toList();
    }

    @Test
    void everySuiteIsRegistered() {
        assertTrue(suites().containsAll(List.of("assess", "detectors", "eval", "fit", "lift", "mediapipe", "multi",
            "occlusion", "photometric", "reconstruct", "renders")), suites().toString());
    }

    @ParameterizedTest
    @MethodSource("suites")
    void runsInTheQuickSetting(String name, @TempDir Path out) {
        RequiredAssets.require(Files.isRegularFile(ModelAssets.defaults().faceLandmark()), "model assets");
        BenchSuite suite = StreamSupport.stream(ServiceLoader.load(BenchSuite.class).spliterator(), false)
            .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        BenchSuite.Result r = suite.run(new BenchSuite.Context(out, 1, 1, true, msg -> { }));
        assertFalse(r.markdown().isBlank(), name + " gave an empty section");
        assertTrue(r.markdown().contains("|"), name + " gave no table:\n" + r.markdown());
    }
}
