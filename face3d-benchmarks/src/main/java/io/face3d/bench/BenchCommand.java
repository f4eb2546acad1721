package io.face3d.bench;

import io.face3d.core.Face3dException;
import io.face3d.core.bench.BenchSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code face3d bench SUITE... -o DIR}: runs benchmark suites found with {@link ServiceLoader} (a jar registers
 * its {@link BenchSuite}s in META-INF/services) and writes DIR/report.md with each suite's section; plots go to DIR.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run benchmark suites and write DIR/report.md (tables, plots). `face3d bench --list` names them.")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUITE", arity = "0..*", description = "Suites to run, in order (see --list).")
    List<String> suites = new ArrayList<>();

    @Option(names = {"-o", "--output", "--out"}, paramLabel = "DIR", description = "Folder for report.md and plots.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "0", description = "Number of cases per suite; 0 = each suite's default.")
    int size;

    @Option(names = "--quick", description = "The smallest setting (size 1 unless --size, fixed extra tables cut "
        + "down): checks that the suites run; the figures are not comparable with a normal run's.")
    boolean quick;

    @Option(names = "--list", description = "List the known suites and exit.")
    boolean list;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, BenchSuite> known = new TreeMap<>();
        for (BenchSuite s : ServiceLoader.load(BenchSuite.class)) {
            known.put(s.name(), s);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            int width = known.keySet().stream().mapToInt(String::length).max().orElse(4);
            known.values().stream().sorted(Comparator.comparing(BenchSuite::name)).forEach(s ->
                stdout.printf("%-" + width + "s  %s%n", s.name(), s.description()));
            stdout.flush();
            return 0;
        }
        if (suites.isEmpty()) {
            throw new Face3dException("name at least one suite to run; known suites: " + String.join(", ", known.keySet()));
        }
        List<BenchSuite> chosen = new ArrayList<>();
        for (String name : suites) {
            BenchSuite s = known.get(name);
            if (s == null) {
                throw new Face3dException("unknown suite '" + name + "': known suites are "
                    + (known.isEmpty() ? "(none installed)" : String.join(", ", known.keySet())));
            }
            chosen.add(s);
        }
        if (out == null) {
            throw new Face3dException("say where the report goes: -o DIR");
        }
        if (out.toString().isBlank()) {
            throw new Face3dException("-o is empty: give a folder name");
        }
        if (size < 0) {
            throw new Face3dException("--size must be 0 (each suite's default) or a positive number of cases, got "
                + size);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new Face3dException("cannot create " + out + " (" + e.getMessage() + "): check the path is writable");
        }
        int cases = quick && size == 0 ? 1 : size;
        PrintWriter err = spec.commandLine().getErr();
        StringBuilder report = new StringBuilder();
        report.append("# face3d bench report\n\n");
        report.append(String.format("%s; suites: %s; seed %d; size %s%s; Java %s; %d processors; max heap %d MB.%n%n",
            Instant.now(), String.join(", ", suites), seed, cases > 0 ? Integer.toString(cases) : "default",
            quick ? " (quick: a check that the suites run, not their figures)" : "",
            System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20));
        for (int k = 0; k < chosen.size(); k++) {
            BenchSuite s = chosen.get(k);
            long t0 = System.nanoTime();
            err.println("face3d bench: suite " + s.name() + " (" + (k + 1) + " of " + chosen.size() + ")");
            err.flush();
            BenchSuite.Result r = s.run(new BenchSuite.Context(out, seed, cases, quick, new Pace(err, s.name())));
            report.append(r.markdown().strip()).append("\n\n");
            report.append(String.format("_Suite `%s` ran in %.1f s._%n%n", s.name(), (System.nanoTime() - t0) / 1e9));
        }
        Path file = out.resolve("report.md");
        io.face3d.core.io.AtomicFiles.writeString(file, report.toString());
        stdout.println(file);
        stdout.flush();
        return 0;
    }

    /**
     * A suite's progress messages on stderr with the time since the suite began and, for a message that counts
     * ("renders: 12/40"), the time left in that count at the pace so far.
     */
    private static final class Pace implements java.util.function.Consumer<String> {
        private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("(\\d+)/(\\d+)");
        private final PrintWriter err;
        private final String suite;
        private final long start = System.nanoTime();
        private final Map<String, Long> countStart = new java.util.HashMap<>();
        private long previous = start;

        Pace(PrintWriter err, String suite) {
            this.err = err;
            this.suite = suite;
        }

        @Override
        public synchronized void accept(String msg) {
            long now = System.nanoTime();
            String left = "";
            java.util.regex.Matcher m = COUNT.matcher(msg);
            if (m.find()) {
                long done = Long.parseLong(m.group(1)), total = Long.parseLong(m.group(2));
                // a count's clock starts where the message before its first step left off
                long since = countStart.computeIfAbsent(COUNT.matcher(msg).replaceAll("#"), key -> previous);
                if (done > 0 && done < total) {
                    left = String.format(java.util.Locale.ROOT, " (about %.0f s left)",
                        Math.max(1, (now - since) / 1e9 / done * (total - done)));
                }
            }
            previous = now;
            err.printf(java.util.Locale.ROOT, "bench %s [%.0f s]: %s%s%n", suite, (now - start) / 1e9, msg, left);
            err.flush();
        }
    }
}
