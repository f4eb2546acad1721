package io.face3d.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server of Debian's {@code postgresql} package: initdb in a fresh folder (trust
 * authentication, loopback only, its own port and socket folder), started with pg_ctl and stopped and deleted on
 * close. PostgreSQL refuses to run as root, so as root the commands run as the {@code postgres} user (su).
 */
final class TemporaryPostgres implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final int port;

    private TemporaryPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** The newest installed server's bin folder, if any. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var s = Files.list(root)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString()
                    .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static TemporaryPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed "
            + "(apt-get install -y postgresql)"));
        Path dir = Files.createTempDirectory("face3d-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TemporaryPostgres pg = new TemporaryPostgres(dir, bin, port);
        if (root()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg.asOwner(bin.resolve("initdb") + " -D " + dir.resolve("data") + " -U face3d --auth=trust -E UTF8 "
            + "--no-sync");
        pg.asOwner(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -l " + dir.resolve("log") + " -w -t 60 "
            + "-o '-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off' start");
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=face3d";
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void asOwner(String command) throws IOException, InterruptedException {
        run(root() ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command) : List.of("/bin/sh", "-c", command));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + new String(out));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asOwner(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m immediate -w stop");
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
