package io.face3d.server;

import io.face3d.core.Face3dException;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Clinics, user accounts and sign-in sessions. Passwords are hashed with Argon2id (Spring Security's encoder over
 * Bouncy Castle, the parameters Spring Security recommends since 5.8: 16 MiB, 2 iterations); a session is a random
 * 256-bit token whose sha256 is stored, so a copy of the database does not hand out sessions.
 */
public final class Accounts {
    /** Sessions end after this long without being renewed by a sign-in. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    static final int MIN_PASSWORD = 10;
    private static final Argon2PasswordEncoder HASHER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Hash compared when the user does not exist, so timing does not tell which user names exist. */
    private static final String DUMMY_HASH = HASHER.encode("no such user: timing equaliser");

    private final Jdbi jdbi;

    public Accounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A session: the cookie value (only the client has it) and the CSRF token that goes with it. */
    public record Session(String token, String csrf, User user) {
    }

    /** The clinic of that name, created when missing; its id. */
    public String clinic(String name) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new Face3dException("a clinic name must have 1 to 200 characters");
        }
        return jdbi.inTransaction(h -> h.createQuery("SELECT id FROM clinics WHERE name = :n").bind("n", n)
            .mapTo(String.class).findOne().orElseGet(() -> {
                String id = Ids.random();
                h.createUpdate("INSERT INTO clinics (id, name, created_at) VALUES (:id, :n, :t)").bind("id", id)
                    .bind("n", n).bind("t", System.currentTimeMillis()).execute();
                return id;
            }));
    }

    /** Creates an account; the password must be at least {@value #MIN_PASSWORD} characters. */
    public User createUser(String clinicId, String username, char[] password, String role) {
        String u = username == null ? "" : username.strip();
        if (!u.matches("[A-Za-z0-9._@-]{3,100}")) {
            throw new Face3dException("a user name has 3 to 100 letters, digits or . _ @ -, got '" + u + "'");
        }
        if (!role.equals("admin") && !role.equals("clinician")) {
            throw new Face3dException("a role is admin or clinician, got '" + role + "'");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw new Face3dException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        boolean taken = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u")
            .bind("u", u).mapTo(Integer.class).one() > 0);
        if (taken) {
            throw new Face3dException("the user name '" + u + "' is taken: choose another");
        }
        String id = Ids.random();
        String hash = HASHER.encode(new String(password));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, clinic_id, username, password_hash, role, created_at) "
                + "VALUES (:id, :c, :u, :p, :r, :t)").bind("id", id).bind("c", clinicId).bind("u", u).bind("p", hash)
            .bind("r", role).bind("t", System.currentTimeMillis()).execute());
        return user(id).orElseThrow();
    }

    public boolean anyAdmin() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'admin'")
            .mapTo(Integer.class).one() > 0);
    }

    /** Checks the password and opens a session, or empty when the name or password is wrong. */
    public Optional<Session> signIn(String username, char[] password) {
        record Row(String id, String hash) {
        }
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT id, password_hash FROM users WHERE username = :u AND disabled = 0").bind("u", username)
            .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2))).findOne());
        boolean ok = HASHER.matches(new String(password), row.map(Row::hash).orElse(DUMMY_HASH));
        if (!ok || row.isEmpty()) {
            return Optional.empty();
        }
        String token = Ids.token(32);
        String csrf = Ids.token(32);
        long now = System.currentTimeMillis();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) "
                    + "VALUES (:t, :u, :c, :now, :exp)").bind("t", hash(token)).bind("u", row.get().id())
                .bind("c", csrf).bind("now", now).bind("exp", now + SESSION_LIFETIME.toMillis()).execute();
        });
        return Optional.of(new Session(token, csrf, user(row.get().id()).orElseThrow()));
    }

    /** The live session of a cookie value, if any. */
    public Optional<Session> session(String token) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        record Row(String userId, String csrf) {
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, csrf FROM sessions WHERE token_hash = :t "
                    + "AND expires_at > :now").bind("t", hash(token)).bind("now", System.currentTimeMillis())
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2))).findOne())
            .flatMap(r -> user(r.userId()).map(u -> new Session(token, r.csrf(), u)));
    }

    public void signOut(String token) {
        if (token != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :t").bind("t", hash(token))
                .execute());
        }
    }

    public Optional<User> user(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.clinic_id, c.name, u.username, u.role FROM users u "
                + "JOIN clinics c ON c.id = u.clinic_id WHERE u.id = :id AND u.disabled = 0").bind("id", id)
            .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5))).findOne());
    }

    static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String token) {
        return BlobStore.sha256(token.getBytes(StandardCharsets.US_ASCII));
    }
}
