package io.face3d.cli;

import io.face3d.api.Face3d;
import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.assets.WebViewerAssetSource;
import io.face3d.server.AdminSetup;
import io.face3d.server.FaceServer;
import io.face3d.server.ServeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"The clinicians' web app: patients and visits, photos checked on arrival, reports, 3D faces.",
        "Listens on 127.0.0.1 unless --host says otherwise. Data (database and stored files) under --data.",
        "--create-admin creates the first administrator (password read from standard input or asked) and exits."})
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port = 7070;
    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}; "
        + "0.0.0.0 serves the network: put it behind an HTTPS proxy and use --secure-cookies).")
    String host = "127.0.0.1";
    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: $FACE3D_HOME/server).")
    Path data;
    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database (default: SQLite in the data folder; "
        + "jdbc:postgresql://host/db?user=...; or FACE3D_DB_USER / FACE3D_DB_PASSWORD).")
    String db;
    @Option(names = "--secure-cookies", description = "Mark cookies Secure and send HSTS (when served over HTTPS).")
    boolean secureCookies;
    @Option(names = "--workers", paramLabel = "N", description = "Visits computed at once (default: the cores).")
    Integer workers;
    @Option(names = "--create-admin", description = "Create an administrator account and exit.")
    boolean createAdmin;
    @Option(names = "--clinic", paramLabel = "NAME", description = "With --create-admin: the clinic (default: "
        + "${DEFAULT-VALUE}).")
    String clinic = "Clinic";
    @Option(names = "--username", paramLabel = "NAME", description = "With --create-admin: the user name (default: "
        + "${DEFAULT-VALUE}).")
    String username = "admin";

    @Override
    public Integer call() throws Exception {
        ModelAssets assets = ModelAssets.defaults();
        Path dataDir = data != null ? data : assets.home().resolve("server");
        int cores = Runtime.getRuntime().availableProcessors();
        ServeConfig c = ServeConfig.defaults(dataDir).withHost(host).withPort(port).withJdbcUrl(db)
            .withSecureCookies(secureCookies).withViewerScript(WebViewerAssetSource.script(assets.modelsDir()))
            .withWorkers(workers != null ? workers : cores, cores);
        if (createAdmin) {
            char[] password = readPassword();
            AdminSetup.createAdmin(c, clinic, username, password);
            spec.commandLine().getErr().println("face3d serve: administrator '" + username + "' of clinic '" + clinic
                + "' created; start the app with ./face3d serve");
            return ExitCodes.OK;
        }
        FaceServer server = FaceServer.start(c, Face3d.create(Face3d.Config.defaults()));
        spec.commandLine().getErr().println("face3d serve: " + server.url() + " (data in " + dataDir.toAbsolutePath()
            + "; stop with Ctrl-C)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }

    /** From the console (asked twice) or, when standard input is not a terminal, its first line. */
    private char[] readPassword() throws java.io.IOException {
        Console console = System.console();
        if (console != null) {
            char[] a = console.readPassword("Password for %s: ", username);
            char[] b = console.readPassword("Repeat it: ");
            if (a == null || b == null || !java.util.Arrays.equals(a, b)) {
                throw new Face3dException("the two passwords differ: run --create-admin again");
            }
            return a;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new Face3dException("no password on standard input: pipe one in (e.g. from a password manager) "
                + "or run --create-admin in a terminal");
        }
        return line.toCharArray();
    }
}
