package io.face3d.api.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dlib's own C++ (Debian's libdlib-dev) as the peer of {@link SpeedBenchSuite}: writes {@code dlib_speed.cpp},
 * builds it with g++ -O2 and runs it on the suite's photos (HOG detector without upsampling, shape predictor on each
 * box, one thread). Debian's dlib.pc names libblas.so / liblapack.so, which only the -dev packages provide, so the
 * link names the runtime libraries (.so.3) that libdlib itself depends on.
 */
final class DlibPeer {
    private static final List<String> LIBS = List.of("-ldlib", "-lpthread", "-lpng", "-ljpeg", "-l:libblas.so.3",
        "-l:liblapack.so.3");

    /**
     * @param medians per photo set: {decode, detect, landmarks, thread CPU, faces} medians (ms), in one array
     * @param skipped why dlib did not run, or null
     */
    record Outcome(Map<String, double[][]> medians, String skipped) {
    }

    private DlibPeer() {
    }

    static Outcome run(Path dir, Path model, SpeedBenchSuite.Photos photos, int runs) {
        if (!Files.isRegularFile(model)) {
            return new Outcome(Map.of(), "dlib's model is missing (" + model + "; ./face3d setup says how to add it)");
        }
        Path exe = dir.resolve("dlib_speed");
        try {
            Path cpp = dir.resolve("dlib_speed.cpp");
            try (InputStream in = DlibPeer.class.getResourceAsStream("dlib_speed.cpp")) {
                Files.write(cpp, in.readAllBytes());
            }
            List<String> build = new ArrayList<>(List.of("g++", "-O2", "-std=c++14", "-o", exe.toString(),
                cpp.toString()));
            build.addAll(LIBS);
            String failed = exec(build, dir, 600).failure();
            if (failed != null) {
                return new Outcome(Map.of(), "building dlib_speed.cpp failed (needs g++ and Debian's libdlib-dev: "
                    + "apt-get install g++ libdlib-dev): " + failed);
            }
            Map<String, double[][]> medians = new LinkedHashMap<>();
            medians.put("2 MP PNG", medians(exec(command(exe, model, runs, List.of(photos.bigPng())), dir, 1800)));
            medians.put("640 x 640 JPEG (" + photos.batch().size() + " photos, one round)",
                medians(exec(command(exe, model, 1, photos.batch()), dir, 1800)));
            return new Outcome(medians, null);
        } catch (IOException e) {
            return new Outcome(Map.of(), "could not run dlib: " + e.getMessage());
        }
    }

    private static List<String> command(Path exe, Path model, int runs, List<Path> images) {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), model.toString(), "0", Integer.toString(runs)));
        for (Path p : images) {
            cmd.add(p.toString());
        }
        return cmd;
    }

    private static double[][] medians(Exec e) throws IOException {
        if (e.failure() != null) {
            throw new IOException(e.failure());
        }
        List<double[]> rows = new ArrayList<>();
        for (String line : e.stdout().split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.trim().split(" ");
                rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[4])});
            }
        }
        double[] m = new double[5];
        for (int c = 0; c < 5; c++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[c];
            }
            m[c] = io.face3d.bench.BenchStats.median(col);
        }
        return new double[][] {m};
    }

    /** @param failure null on exit 0, else the exit status and the end of stderr */
    private record Exec(String stdout, String failure) {
    }

    private static Exec exec(List<String> cmd, Path dir, int timeoutSeconds) throws IOException {
        Path err = dir.resolve("dlib_speed.err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            return new Exec("", cmd.get(0) + " is not installed");
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Exec(out, "timed out after " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                String e = Files.readString(err);
                return new Exec(out, "exit " + p.exitValue() + ": "
                    + e.substring(Math.max(0, e.length() - 400)).replace('\n', ' '));
            }
            return new Exec(out, null);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
