package io.face3d.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.face3d.core.Face3dException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;

/**
 * The connection pool (HikariCP), the schema migrations (Flyway, {@code db/migration}) and the Jdbi handle over
 * them. SQLite by default (one file under the data folder, write-ahead log, foreign keys on); PostgreSQL when the
 * JDBC URL says so. SQLite allows one writer at a time: its pool is kept small and writers wait (busy timeout)
 * instead of failing.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final boolean sqlite;

    private Database(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.jdbi = Jdbi.create(pool);
    }

    /** The default JDBC URL: an SQLite file in the data folder. */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("face3d.db");
    }

    /**
     * Opens the pool and migrates the schema. The user and password of a PostgreSQL server come from the URL
     * ({@code ?user=...&password=...}) or the environment ({@code FACE3D_DB_USER}, {@code FACE3D_DB_PASSWORD}).
     */
    public static Database open(String jdbcUrl) {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        if (!sqlite && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new Face3dException("--db must be a jdbc:sqlite: or jdbc:postgresql: URL, got '" + jdbcUrl + "'");
        }
        if (sqlite) {
            createFolderOf(jdbcUrl.substring("jdbc:sqlite:".length()));
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setPoolName("face3d");
        if (sqlite) {
            c.setMaximumPoolSize(4);
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "NORMAL");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("busy_timeout", "30000");
            c.setConnectionInitSql("PRAGMA foreign_keys = ON");
        } else {
            c.setMaximumPoolSize(10);
            String user = System.getenv("FACE3D_DB_USER");
            String password = System.getenv("FACE3D_DB_PASSWORD");
            if (user != null) {
                c.setUsername(user);
            }
            if (password != null) {
                c.setPassword(password);
            }
        }
        c.setConnectionTimeout(30_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new Face3dException("cannot open the database " + redacted(jdbcUrl) + " (" + rootMessage(e)
                + "): check the --db URL, that the server runs and the user may log in");
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new Face3dException("cannot migrate the database schema (" + rootMessage(e) + "): restore the "
                + "database from a backup or report the problem");
        }
        return new Database(pool, sqlite);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean sqlite() {
        return sqlite;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void createFolderOf(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new Face3dException("cannot create the data folder " + parent + " (" + e.getMessage()
                + "): choose a writable --data folder");
        }
    }

    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.toString());
    }
}
