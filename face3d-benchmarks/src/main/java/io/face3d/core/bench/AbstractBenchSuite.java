package io.face3d.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** A suite whose name and one-line description are given once, to the constructor; the suite writes {@link #run}. */
public abstract class AbstractBenchSuite implements BenchSuite {
    private final String name;
    private final String description;

    protected AbstractBenchSuite(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** One case of a suite, by its index. */
    @FunctionalInterface
    protected interface CaseTask<T> {
        T run(int index) throws Exception;
    }

    /** Threads for suites that fit faces in parallel: two at most, so a shared machine stays usable. */
    protected static int caseThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs cases 0..n-1 on a pool of {@code threads}, hands each result to {@code done} in case order as it is
     * collected, and returns them in that order. A failing case fails the suite ("NAME bench failed: ...").
     */
    protected final <T> List<T> runCases(int n, int threads, CaseTask<T> task, Consumer<T> done) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                T r = f.get();
                results.add(r);
                done.accept(r);
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException(name + " bench failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }
}
