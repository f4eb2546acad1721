package io.face3d.server;

import io.face3d.api.Face3d;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server in its own JVM, so a test can kill it with SIGKILL: {@code ServerProcess DATA_DIR PORT_FILE} serves on a
 * free loopback port and writes that port to PORT_FILE once it listens.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        ServeConfig c = ServeConfig.defaults(Path.of(args[0])).withPort(0).withViewerScript(Fixtures.viewerScript());
        FaceServer s = FaceServer.start(c, Face3d.create(Face3d.Config.defaults()));
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(s.port()));
        Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }

    /** Starts one and waits until it listens; its port is read from the file. */
    static Process launch(Path data, Path portFile, Path log) throws Exception {
        Files.deleteIfExists(portFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx2g", "-Dai.djl.offline=true", "-cp",
            System.getProperty("java.class.path"), ServerProcess.class.getName(), data.toString(), portFile.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new IllegalStateException("the server process did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return p;
    }

    static int port(Path portFile) throws Exception {
        return Integer.parseInt(Files.readString(portFile).strip());
    }
}
