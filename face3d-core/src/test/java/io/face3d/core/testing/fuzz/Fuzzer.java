package io.face3d.core.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seeded mutation fuzzer for one parser. Each input is a mutant of a seed file (see {@link Mutator}); its
 * {@code Random} is derived from the run's seed and the input's index, so any failure is reproduced from those two
 * numbers (and its file is kept under {@code target/fuzz-failures}). The contract per input: the parser returns or
 * throws the bad-input exception; never another exception or an {@code Error}, at most {@link Budget#cpuMillis} of
 * CPU, and at most a fixed allowance plus a multiple of the file's size allocated (counted by the JVM per thread),
 * so a header that claims a huge count cannot make the reader allocate for it.
 *
 * <p>Settings (system properties): {@code face3d.fuzz.seconds} (time per target, default 10),
 * {@code face3d.fuzz.seed} (default 1).
 */
public final class Fuzzer {
    /** What one input may cost. */
    public record Budget(long cpuMillis, long allocatedBytes, long allocatedBytesPerInputByte) {
        public Budget {
            if (cpuMillis <= 0 || allocatedBytes <= 0 || allocatedBytesPerInputByte < 0) {
                throw new IllegalArgumentException("budget must be positive: " + cpuMillis + " ms, " + allocatedBytes);
            }
        }

        public static final Budget DEFAULT = new Budget(2_000, 64L << 20, 1_024);
    }

    /** What a run did, for the test's assertions. */
    public record Report(int inputs, int accepted, int refused) {
    }

    private final String name;
    private final String extension;
    private final List<byte[]> seeds;
    private final Class<? extends Throwable> badInput;
    private final Budget budget;

    private Fuzzer(String name, String extension, List<byte[]> seeds, Class<? extends Throwable> badInput,
                   Budget budget) {
        this.name = name;
        this.extension = extension;
        this.seeds = seeds;
        this.badInput = badInput;
        this.budget = budget;
    }

    /** A fuzzer over the seed files (all must be valid: each is read first and must be accepted). */
    public static Fuzzer of(String name, String extension, List<Path> seedFiles, Class<? extends Throwable> badInput,
                            Budget budget) {
        if (seedFiles.isEmpty()) {
            throw new IllegalArgumentException(name + ": no seed files");
        }
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : seedFiles) {
            try {
                seeds.add(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Fuzzer(name, extension, seeds, badInput, budget);
    }

    /** Seed files from the test resources of {@code owner}'s module, e.g. {@code resources(X.class, "fuzz/mesh/a.obj")}. */
    public static List<Path> resources(Class<?> owner, String... names) {
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            java.net.URL url = owner.getClassLoader().getResource(n);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + n);
            }
            try {
                out.add(Path.of(url.toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(n, e);
            }
        }
        return out;
    }

    public static long seconds() {
        return Long.getLong("face3d.fuzz.seconds", 10L);
    }

    public static long seed() {
        return Long.getLong("face3d.fuzz.seed", 1L);
    }

    /** The {@code index}-th input of run {@code seed}: the same numbers give the same bytes. */
    public byte[] input(long seed, long index) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index);
        byte[] parent = seeds.get(rnd.nextInt(seeds.size()));
        return Mutator.mutate(parent, rnd);
    }

    /**
     * Feeds seeds then mutants to {@code target} in {@code dir} for {@code seconds}; throws {@link AssertionError}
     * naming the seed, the index and the kept file at the first input that breaks the contract.
     */
    public Report run(FuzzTarget target, Path dir, long seed, long seconds) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < seeds.size(); i++) {
                Throwable t = once(worker, target, dir, seeds.get(i), "seed " + i, Long.MAX_VALUE);
                if (t != null) {
                    throw new AssertionError(name + ": seed file " + i + " is refused; seeds must be valid", t);
                }
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int inputs = 0;
            int accepted = 0;
            int refused = 0;
            for (long index = 0; System.nanoTime() < end; index++) {
                byte[] input = input(seed, index);
                Throwable t = once(worker, target, dir, input, "seed " + seed + " index " + index, index);
                inputs++;
                if (t == null) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            return new Report(inputs, accepted, refused);
        } finally {
            worker.shutdownNow();
        }
    }

    /** Runs one input; returns the bad-input exception it threw, or null when accepted. */
    private Throwable once(ExecutorService worker, FuzzTarget target, Path dir, byte[] input, String which,
                           long index) {
        Path file = dir.resolve("input." + extension);
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] cost = new long[2];
        Future<Throwable> f = worker.submit(() -> {
            long id = Thread.currentThread().getId();
            long cpu0 = mx.getThreadCpuTime(id);
            long alloc0 = mx.getThreadAllocatedBytes(id);
            Throwable thrown = null;
            try {
                target.read(file);
            } catch (Throwable t) {
                thrown = t;
            }
            cost[0] = mx.getThreadCpuTime(id) - cpu0;
            cost[1] = mx.getThreadAllocatedBytes(id) - alloc0;
            return thrown;
        });
        Throwable thrown;
        try {
            // wall-clock limit well above the CPU budget: the machine may be shared; CPU time is the contract
            thrown = f.get(10 * budget.cpuMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw failure(which, input, index, "no answer after " + 10 * budget.cpuMillis() + " ms (hang)", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
        if (thrown != null && !badInput.isInstance(thrown)) {
            throw failure(which, input, index, "threw " + thrown.getClass().getName() + " (not "
                + badInput.getSimpleName() + ")", thrown);
        }
        if (cost[0] > TimeUnit.MILLISECONDS.toNanos(budget.cpuMillis())) {
            throw failure(which, input, index, "took " + cost[0] / 1_000_000 + " ms of CPU", thrown);
        }
        long allowed = budget.allocatedBytes() + budget.allocatedBytesPerInputByte() * input.length;
        if (cost[1] > allowed) {
            throw failure(which, input, index, "allocated " + (cost[1] >> 20) + " MB for a " + input.length
                + "-byte file (allowed " + (allowed >> 20) + " MB)", thrown);
        }
        return thrown;
    }

    private AssertionError failure(String which, byte[] input, long index, String what, Throwable cause) {
        Path kept = Path.of("target", "fuzz-failures", name + "-" + (index == Long.MAX_VALUE ? "seed" : index) + "."
            + extension);
        try {
            Files.createDirectories(kept.getParent());
            Files.write(kept, input);
        } catch (IOException e) {
            kept = null;
        }
        return new AssertionError(name + " (" + which + "): " + what + "; input kept as " + kept
            + "; rerun with -Dface3d.fuzz.seed=... to reproduce", cause);
    }
}
