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
     * @param quick    the smallest setting: the suite also cuts its fixed extra tables (clustering draws, grading
     *                 sets, clip lengths...) to the least that still runs every step; it checks that the suite
     *                 runs, its figures are not the suite's figures
     * @param progress receives one-line progress messages
     */
    record Context(Path outDir, long seed, int size, boolean quick, Consumer<String> progress) {
        public Context(Path outDir, long seed, int size, Consumer<String> progress) {
            this(outDir, seed, size, false, progress);
        }

        /** {@link #size}, or the suite's default when the caller gave none. */
        public int sizeOr(int suiteDefault) {
            return size > 0 ? size : suiteDefault;
        }
    }

    /** @param markdown the suite's section of the report: what was measured, on what, tables, plot links */
    record Result(String markdown) {
    }
}
