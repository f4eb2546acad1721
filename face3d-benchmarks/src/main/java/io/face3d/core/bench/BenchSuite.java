package io.face3d.core.bench;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A benchmark suite run by {@code face3d bench SUITE... -o DIR}. Implementations register themselves with
 * {@link java.util.ServiceLoader} (a line in {@code META-INF/services/io.face3d.core.bench.BenchSuite} of their
 * module), so every module contributes suites without the command knowing them.
 */
public interface BenchSuite {
    /** Short name used on the command line, e.g. {@code fit}, {@code lift}, {@code eval}. */
    String name();

    /** One line saying what it measures. */
    String description();

    /** Runs the suite; writes any plots into {@code context.outDir()} and returns the Markdown section. */
    Result run(Context context);

    /**
     * @param outDir   folder for plots and data files (exists)
     * @param seed     seed of every random draw, so a run is reproducible
     * @param size     number of cases (faces, meshes, people...); a suite's default when &lt;= 0
     * @param progress receives one-line progress messages
     */
    record Context(Path outDir, long seed, int size, Consumer<String> progress) {
    }

    /** @param markdown the suite's section of the report: what was measured, on what, tables, plot links */
    record Result(String markdown) {
    }
}
