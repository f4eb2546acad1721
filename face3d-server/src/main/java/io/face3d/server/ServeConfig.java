package io.face3d.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of {@code face3d serve}; validated on construction.
 *
 * @param host            address to listen on (127.0.0.1 unless told otherwise)
 * @param port            TCP port (0: any free port, for tests)
 * @param dataDir         where the database (SQLite) and the stored photos and meshes live
 * @param jdbcUrl         the database; null for SQLite in {@code dataDir}
 * @param workers         jobs computed at once (at least 1)
 * @param checkers        photo checks run at once; an upload waiting longer than {@code uploadWaitMillis} gets 503
 * @param maxUploadBytes  largest photo accepted
 * @param maxPixels       most pixels a photo may have
 * @param secureCookies   mark cookies Secure (when served over HTTPS, directly or behind a proxy)
 * @param viewerScript    the 3D viewer's script file ({@code face3d setup} installs it), or null when missing
 * @param uploadWaitMillis how long an upload waits for a free photo check before 503
 */
public record ServeConfig(String host, int port, Path dataDir, String jdbcUrl, int workers, int checkers,
                          long maxUploadBytes, long maxPixels, boolean secureCookies, Path viewerScript,
                          long uploadWaitMillis) {
    public ServeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (workers < 1 || checkers < 1) {
            throw new IllegalArgumentException("workers and checkers must be at least 1");
        }
        if (maxUploadBytes < 1024 || maxPixels < 10_000 || uploadWaitMillis < 0) {
            throw new IllegalArgumentException("upload limits are too small");
        }
    }

    /** Loopback, port 7070, one worker and one photo check per core, 20 MB and 40 megapixels per photo. */
    public static ServeConfig defaults(Path dataDir) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServeConfig("127.0.0.1", 7070, dataDir, null, cores, cores, 20L << 20, 40_000_000L, false, null,
            10_000);
    }

    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : Database.defaultUrl(dataDir);
    }

    public ServeConfig withPort(int p) {
        return new ServeConfig(host, p, dataDir, jdbcUrl, workers, checkers, maxUploadBytes, maxPixels, secureCookies,
            viewerScript, uploadWaitMillis);
    }

    public ServeConfig withHost(String h) {
        return new ServeConfig(h, port, dataDir, jdbcUrl, workers, checkers, maxUploadBytes, maxPixels, secureCookies,
            viewerScript, uploadWaitMillis);
    }

    public ServeConfig withJdbcUrl(String url) {
        return new ServeConfig(host, port, dataDir, url, workers, checkers, maxUploadBytes, maxPixels, secureCookies,
            viewerScript, uploadWaitMillis);
    }

    public ServeConfig withWorkers(int w, int c) {
        return new ServeConfig(host, port, dataDir, jdbcUrl, w, c, maxUploadBytes, maxPixels, secureCookies,
            viewerScript, uploadWaitMillis);
    }

    public ServeConfig withSecureCookies(boolean s) {
        return new ServeConfig(host, port, dataDir, jdbcUrl, workers, checkers, maxUploadBytes, maxPixels, s,
            viewerScript, uploadWaitMillis);
    }

    public ServeConfig withViewerScript(Path p) {
        return new ServeConfig(host, port, dataDir, jdbcUrl, workers, checkers, maxUploadBytes, maxPixels,
            secureCookies, p, uploadWaitMillis);
    }

    public ServeConfig withUploadWait(long millis) {
        return new ServeConfig(host, port, dataDir, jdbcUrl, workers, checkers, maxUploadBytes, maxPixels,
            secureCookies, viewerScript, millis);
    }
}
