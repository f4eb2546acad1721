package io.face3d.api.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code face3d reconstruct DIR -o OUT} in a new JVM, timed from process start to exit as a user's command is (JVM
 * start, model and network loading, every output written), with the JVM flags the launcher gives it. Runs only where the
 * command line is on the class path (the {@code face3d bench} command); else says why not.
 *
 * @param wallSeconds each run's wall time, or empty when not run
 * @param photos      photos given
 * @param skipped     why not run, or null
 */
record CommandRun(double[] wallSeconds, int photos, String skipped) {
    private static final String MAIN = "io.face3d.cli.Main";
    private static final int RUNS = 2;
    /** The launcher ({@code ./face3d}) stops at C1 for photo commands of up to this many files. */
    private static final int LAUNCHER_C1_FILES = 400;

    static CommandRun reconstructDir(Path in, Path out) {
        int photos;
        try (Stream<Path> s = Files.list(in)) {
            photos = (int) s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Class.forName(MAIN, false, CommandRun.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return new CommandRun(new double[0], photos, "the command line (" + MAIN + ") is not on the class path");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Dai.djl.offline=true", "-XX:+UseParallelGC",
            "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=" + (photos <= LAUNCHER_C1_FILES ? 1 : 4),
            "-Dface3d.repo=" + System.getProperty("face3d.repo", "."),
            "-cp", System.getProperty("java.class.path"), MAIN, "reconstruct", in.toString(), "-o", out.toString()));
        double[] wall = new double[RUNS];
        Path log = out.resolveSibling(out.getFileName() + ".log");
        for (int r = 0; r < RUNS; r++) {
            delete(out);
            try {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                int status = p.waitFor();
                wall[r] = (System.nanoTime() - t0) / 1e9;
                if (status != 0) {
                    throw new IllegalStateException("face3d reconstruct exited with " + status + ": see " + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new CommandRun(wall, photos, null);
    }

    String report() {
        if (skipped != null) {
            return "Not run: " + skipped + ".\n";
        }
        double best = Arrays.stream(wallSeconds).min().orElseThrow();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "`face3d reconstruct DIR -o OUT` (default "
                + "threads: the cores; every output: OBJ, overlay PNG, JSON), wall from process start to exit, JVM "
                + "start and model loading included; %d runs: ", wallSeconds.length));
        for (int i = 0; i < wallSeconds.length; i++) {
            md.append(String.format(Locale.ROOT, "%s%.2f s", i == 0 ? "" : ", ", wallSeconds[i]));
        }
        md.append(String.format(Locale.ROOT, "; best **%.1f photos/s**.%n", photos / best));
        return md.toString();
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
