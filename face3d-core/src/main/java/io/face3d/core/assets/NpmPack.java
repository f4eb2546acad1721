package io.face3d.core.assets;

import io.face3d.core.Face3dException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link PackageFetcher} that runs {@code npm pack SPEC} in the target folder: npm downloads the exact published
 * archive (its registry checks the integrity hash) and writes it there. npm is run as a separate process because
 * the packages are published for npm only.
 */
public final class NpmPack implements PackageFetcher {
    private static final long TIMEOUT_MINUTES = 10;
    private final String npm;

    public NpmPack() {
        this("npm");
    }

    /** Uses the given npm executable (tests). */
    public NpmPack(String npm) {
        this.npm = npm;
    }

    @Override
    public Path fetch(String spec, Path dir) {
        Path log = dir.resolve("npm-" + Integer.toHexString(spec.hashCode()) + ".log");
        if (!onPath(npm)) {
            throw new Face3dException("npm is missing: install Node.js and npm (e.g. apt-get install -y npm) and run "
                + "./face3d setup again");
        }
        Process p;
        try {
            p = new ProcessBuilder(List.of(npm, "pack", "--silent", spec)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new Face3dException("cannot run npm (" + e.getMessage() + "): reinstall Node.js and npm "
                + "(e.g. apt-get install -y npm) and run ./face3d setup again");
        }
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new Face3dException("npm pack " + spec + " did not finish in " + TIMEOUT_MINUTES
                    + " minutes: check the network connection (or npm's proxy settings) and run ./face3d setup again");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Face3dException("setup was interrupted while running npm pack " + spec + ": run it again");
        }
        List<String> out = readLines(log);
        if (p.exitValue() != 0) {
            String last = out.stream().filter(s -> !s.isBlank()).reduce((a, b) -> b).orElse("no output");
            throw new Face3dException("npm pack " + spec + " failed (exit " + p.exitValue() + ": " + last.strip()
                + "): check the network connection (or npm's proxy settings) and run ./face3d setup again");
        }
        // npm prints the archive name as its last line
        for (int i = out.size() - 1; i >= 0; i--) {
            Path f = dir.resolve(out.get(i).strip());
            if (out.get(i).strip().endsWith(".tgz") && Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new Face3dException("npm pack " + spec + " wrote no .tgz into " + dir
            + ": update npm (npm install -g npm) and run ./face3d setup again");
    }

    /** Whether the program exists: a path, or a name found on PATH (the JDK's exec error text differs by version). */
    public static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
