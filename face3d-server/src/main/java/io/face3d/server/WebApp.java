package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;
import io.face3d.core.image.Images;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: the JSON API ({@code openapi.yaml} beside this class's resources documents it), the pages (static
 * HTML and JavaScript modules under {@code web/}, which call the API) and the security around both: headers on
 * every answer, a session cookie, a CSRF token on every change, login rate limiting, clinic-scoped records.
 */
final class WebApp {
    static final String COOKIE = "face3d_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /**
     * Scripts only from this server (no inline script, no eval); styles may be inline because the 3D viewer's web
     * component styles its shadow DOM that way; no framing by any site.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; connect-src 'self' data: blob:; worker-src 'self' blob:; media-src 'self' blob:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeConfig config;
    private final Accounts accounts;
    private final ClinicRecords records;
    private final AuditLog audit;
    private final BlobStore blobs;
    private final JobQueue jobs;
    private final PhotoCheck check;
    private final PostureExamples examples;
    private final Exports exports;
    private final PhotoIntake intake;
    private final Semaphore checkers;
    /** Failed sign-ins allowed per minute: per user name, and (more, a clinic shares an address) per address. */
    private final LoginLimiter userLimiter = new LoginLimiter(5, 60_000, Clock.systemUTC());
    private final LoginLimiter addressLimiter = new LoginLimiter(30, 60_000, Clock.systemUTC());

    WebApp(ServeConfig config, Accounts accounts, ClinicRecords records, AuditLog audit, BlobStore blobs,
           JobQueue jobs, PhotoCheck check, PostureExamples examples, Jdbi jdbi) {
        this.config = config;
        this.accounts = accounts;
        this.records = records;
        this.audit = audit;
        this.blobs = blobs;
        this.jobs = jobs;
        this.check = check;
        this.examples = examples;
        this.exports = new Exports(jdbi, blobs);
        this.intake = new PhotoIntake(config.maxPixels(), 64);
        this.checkers = new Semaphore(config.checkers(), true);
    }

    Javalin create() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxUploadBytes() + 1024;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            c.routes.before(this::headers);
            c.routes.before("/api/*", this::authenticate);
            c.routes.get("/", ctx -> ctx.redirect("/patients.html"));
            c.routes.get("/openapi.yaml", ctx -> resource(ctx, "/openapi.yaml", "application/yaml"));
            c.routes.get("/vendor/model-viewer.min.js", this::viewerScript);
            c.routes.post("/api/login", this::login);
            c.routes.post("/api/logout", this::logout);
            c.routes.get("/api/me", ctx -> ctx.json(me(ctx)));
            c.routes.get("/api/postures", ctx -> ctx.json(postures()));
            c.routes.get("/api/postures/{posture}/example.png", this::example);
            c.routes.get("/api/patients", ctx -> ctx.json(records.patients(user(ctx), ctx.queryParam("q"), 200)));
            c.routes.post("/api/patients", this::createPatient);
            c.routes.get("/api/patients/{id}", this::patient);
            c.routes.post("/api/patients/{id}/visits", this::createVisit);
            c.routes.get("/api/patients/{id}/progress", ctx -> ctx.json(exports.progress(user(ctx), patientOf(ctx))));
            c.routes.get("/api/patients/{id}/scores.csv", this::scoresCsv);
            c.routes.get("/api/visits/{id}", this::visit);
            c.routes.put("/api/visits/{id}/photos/{posture}", this::upload);
            c.routes.get("/api/visits/{id}/photos/{posture}", this::photo);
            c.routes.post("/api/visits/{id}/submit", this::submit);
            c.routes.get("/api/visits/{id}/files/{posture}/{kind}", this::resultFile);
            c.routes.get("/api/visits/{id}/report.pdf", this::reportPdf);
            c.routes.get("/api/visits/{id}/meshes.zip", this::meshesZip);
            c.routes.post("/api/users", this::createUser);
            c.routes.get("/api/audit", this::auditLog);
            c.routes.exception(Face3dException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            c.routes.exception(ClinicRecords.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            c.routes.exception(HttpError.class, (e, ctx) -> {
                if (e.retryAfter > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfter));
                }
                error(ctx, e.status, e.getMessage());
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                // one line on the server's stderr for the operator; the stack trace would say more than it helps
                System.err.println("face3d serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
                error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "): try again, and report it if "
                    + "it persists");
            });
        });
    }

    /** An answer with a status and a one-line reason. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final long retryAfter;

        HttpError(int status, String message) {
            this(status, message, 0);
        }

        HttpError(int status, String message, long retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error" : message));
    }

    // ---- security -------------------------------------------------------------------------------------------

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()");
        if (config.secureCookies()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /**
     * Every API request but login and the posture list needs a live session; every change (POST, PUT, DELETE)
     * must come from this site (Origin) and, once signed in, carry the session's CSRF token.
     */
    private void authenticate(Context ctx) {
        String method = ctx.method().name();
        boolean change = !method.equals("GET") && !method.equals("HEAD");
        if (change) {
            String origin = ctx.header("Origin");
            String fetchSite = ctx.header("Sec-Fetch-Site");
            if (origin != null && !sameOrigin(ctx, origin) || fetchSite != null && fetchSite.equals("cross-site")) {
                throw new HttpError(403, "cross-site request refused");
            }
        }
        String path = ctx.path();
        if (path.equals("/api/login") || path.startsWith("/api/postures")) {
            return;
        }
        Optional<Accounts.Session> s = accounts.session(ctx.cookie(COOKIE));
        if (s.isEmpty()) {
            throw new HttpError(401, "not signed in: sign in first");
        }
        if (change && !Accounts.constantTimeEquals(s.get().csrf(), ctx.header(CSRF_HEADER))) {
            throw new HttpError(403, "the page is out of date (CSRF token missing or wrong): reload it and try again");
        }
        ctx.attribute("session", s.get());
    }

    private static boolean sameOrigin(Context ctx, String origin) {
        String host = ctx.header("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static User user(Context ctx) {
        Accounts.Session s = ctx.attribute("session");
        if (s == null) {
            throw new HttpError(401, "not signed in: sign in first");
        }
        return s.user();
    }

    private void login(Context ctx) {
        JsonNode b = body(ctx);
        String username = b.path("username").asText("").strip();
        String password = b.path("password").asText("");
        String ipKey = "ip:" + ctx.ip();
        String userKey = "user:" + username.toLowerCase(java.util.Locale.ROOT);
        long wait = Math.max(addressLimiter.retryAfterSeconds(ipKey), userLimiter.retryAfterSeconds(userKey));
        if (wait > 0) {
            audit.record(null, "login_refused", "user", null, username, ctx.ip());
            throw new HttpError(429, "too many failed sign-ins: wait " + wait + " seconds and try again", wait);
        }
        Optional<Accounts.Session> s = accounts.signIn(username, password.toCharArray());
        if (s.isEmpty()) {
            addressLimiter.failed(ipKey);
            userLimiter.failed(userKey);
            audit.record(null, "login_failed", "user", null, username, ctx.ip());
            throw new HttpError(401, "wrong user name or password");
        }
        userLimiter.succeeded(userKey);
        Cookie cookie = new Cookie(COOKIE, s.get().token(), "/", (int) Accounts.SESSION_LIFETIME.toSeconds(),
            config.secureCookies(), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        audit.record(s.get().user(), "login", "user", s.get().user().id(), null, ctx.ip());
        ctx.json(meJson(s.get()));
    }

    private void logout(Context ctx) {
        Accounts.Session s = ctx.attribute("session");
        accounts.signOut(s.token());
        audit.record(s.user(), "logout", "user", s.user().id(), null, ctx.ip());
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, config.secureCookies(), true, null, SameSite.STRICT));
        ctx.json(Map.of("ok", true));
    }

    private static Map<String, Object> me(Context ctx) {
        return meJson(ctx.attribute("session"));
    }

    private static Map<String, Object> meJson(Accounts.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.user().username());
        m.put("role", s.user().role());
        m.put("clinic", s.user().clinicName());
        m.put("csrf", s.csrf());
        return m;
    }

    // ---- records --------------------------------------------------------------------------------------------

    private static List<Map<String, Object>> postures() {
        return Posture.all().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("title", p.title());
            m.put("instruction", p.instruction());
            m.put("example", "/api/postures/" + p.key() + "/example.png");
            return m;
        }).toList();
    }

    private void example(Context ctx) {
        Posture p = Posture.of(ctx.pathParam("posture")).orElseThrow(() -> new ClinicRecords.NotFound("posture"));
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("image/png").result(examples.png(p));
    }

    private void createPatient(Context ctx) {
        User u = user(ctx);
        JsonNode b = body(ctx);
        Integer year = b.hasNonNull("birth_year") && !b.get("birth_year").asText().isBlank()
            ? Integer.valueOf(b.get("birth_year").asInt()) : null;
        String id = records.createPatient(u, b.path("code").asText(""), b.path("name").asText(""), year,
            b.path("notes").asText(""));
        audit.record(u, "patient_create", "patient", id, null, ctx.ip());
        ctx.status(201).json(Map.of("id", id));
    }

    private String patientOf(Context ctx) {
        User u = user(ctx);
        String id = ctx.pathParam("id");
        records.patient(u, id).orElseThrow(() -> new ClinicRecords.NotFound("patient"));
        return id;
    }

    private void patient(Context ctx) {
        User u = user(ctx);
        Map<String, Object> p = new LinkedHashMap<>(records.patient(u, ctx.pathParam("id"))
            .orElseThrow(() -> new ClinicRecords.NotFound("patient")));
        p.put("visits", records.visits(u, (String) p.get("id")));
        audit.record(u, "patient_view", "patient", (String) p.get("id"), null, ctx.ip());
        ctx.json(p);
    }

    private void createVisit(Context ctx) {
        User u = user(ctx);
        String id = records.createVisit(u, ctx.pathParam("id"), body(ctx).path("date").asText(""));
        audit.record(u, "visit_create", "visit", id, null, ctx.ip());
        ctx.status(201).json(Map.of("id", id));
    }

    private Map<String, Object> visitOf(Context ctx) {
        return records.visit(user(ctx), ctx.pathParam("id")).orElseThrow(() -> new ClinicRecords.NotFound("visit"));
    }

    private void visit(Context ctx) {
        User u = user(ctx);
        Map<String, Object> v = new LinkedHashMap<>(visitOf(ctx));
        String id = (String) v.get("id");
        List<Map<String, Object>> photos = records.photos(id).stream().map(ph -> {
            Map<String, Object> m = new LinkedHashMap<>(ph);
            Object c = m.remove("check_json");
            m.put("check", c == null ? null : readJson((String) c));
            m.remove("sha256");
            return m;
        }).toList();
        v.put("photos", photos);
        v.putAll(exports.result(id));
        if ("queued".equals(v.get("status"))) {
            v.put("queued_jobs", jobs.queuedCount());
        }
        audit.record(u, "visit_view", "visit", id, null, ctx.ip());
        ctx.json(v);
    }

    /**
     * A photo for a posture: read up to the size limit, sniffed, stored (file flushed, then the row) and then
     * checked; the answer (201) carries the check. When every photo check is busy for longer than the configured
     * wait the upload is refused with 503 and Retry-After before anything is stored.
     */
    private void upload(Context ctx) throws IOException, InterruptedException {
        User u = user(ctx);
        Map<String, Object> v = visitOf(ctx);
        Posture p = Posture.of(ctx.pathParam("posture")).orElseThrow(() -> new ClinicRecords.NotFound("posture"));
        String status = (String) v.get("status");
        if (!status.equals("open") && !status.equals("failed")) {
            throw new HttpError(409, "the visit was submitted already: start a new visit to take new photos");
        }
        byte[] bytes = readBounded(ctx.bodyInputStream(), config.maxUploadBytes());
        PhotoIntake.Accepted a = intake.accept(bytes);
        if (!checkers.tryAcquire(config.uploadWaitMillis(), TimeUnit.MILLISECONDS)) {
            throw new HttpError(503, "the server is busy checking other photos: the upload will be retried", 2);
        }
        try {
            String visitId = (String) v.get("id");
            String sha = blobs.put(bytes);
            records.putPhoto(visitId, p.key(), sha, a.mediaType(), a.width(), a.height());
            if (status.equals("failed")) {
                records.setVisitStatus(visitId, "open", null);
            }
            audit.record(u, "photo_upload", "visit", visitId, p.key() + " " + sha, ctx.ip());
            PhotoCheck.Result r = check.check(Images.read(blobs.path(sha)));
            String json = JSON.writeValueAsString(r);
            records.photoChecked(visitId, p.key(), sha, json);
            ctx.status(201).json(Map.of("posture", p.key(), "check", r));
        } finally {
            checkers.release();
        }
    }

    private void photo(Context ctx) {
        Map<String, Object> v = visitOf(ctx);
        String posture = ctx.pathParam("posture");
        Map<String, Object> ph = records.photos((String) v.get("id")).stream()
            .filter(m -> posture.equals(m.get("posture"))).findFirst()
            .orElseThrow(() -> new ClinicRecords.NotFound("photo"));
        ctx.contentType((String) ph.get("media_type")).result(blobs.get((String) ph.get("sha256")));
    }

    private void submit(Context ctx) {
        User u = user(ctx);
        Map<String, Object> v = visitOf(ctx);
        String id = (String) v.get("id");
        boolean rest = records.photos(id).stream().anyMatch(m -> "rest".equals(m.get("posture")));
        if (!rest) {
            throw new Face3dException("the visit has no photo at rest: add it before computing the report");
        }
        records.setVisitStatus(id, "queued", null);
        String job = jobs.submit(id);
        audit.record(u, "visit_submit", "visit", id, null, ctx.ip());
        ctx.status(202).json(Map.of("job", job, "status", "queued"));
    }

    private void resultFile(Context ctx) {
        Map<String, Object> v = visitOf(ctx);
        String kind = ctx.pathParam("kind");
        String sha = exports.file((String) v.get("id"), ctx.pathParam("posture"), kind)
            .orElseThrow(() -> new ClinicRecords.NotFound("file"));
        String type = switch (kind) {
            case "glb" -> "model/gltf-binary";
            case "obj" -> "text/plain";
            default -> "image/png";
        };
        if (!kind.equals("heatmap")) {
            ctx.header("Content-Disposition", "attachment; filename=\"face-" + ctx.pathParam("posture") + "."
                + kind + "\"");
        }
        ctx.contentType(type).result(blobs.get(sha));
    }

    private void reportPdf(Context ctx) {
        User u = user(ctx);
        Map<String, Object> v = visitOf(ctx);
        byte[] pdf = exports.pdf(v);
        audit.record(u, "export_pdf", "visit", (String) v.get("id"), null, ctx.ip());
        ctx.header("Content-Disposition", "attachment; filename=\"report-" + v.get("visit_date") + ".pdf\"");
        ctx.contentType("application/pdf").result(pdf);
    }

    private void meshesZip(Context ctx) {
        User u = user(ctx);
        Map<String, Object> v = visitOf(ctx);
        byte[] zip = exports.meshesZip((String) v.get("id"));
        audit.record(u, "export_meshes", "visit", (String) v.get("id"), null, ctx.ip());
        ctx.header("Content-Disposition", "attachment; filename=\"meshes-" + v.get("visit_date") + ".zip\"");
        ctx.contentType("application/zip").result(zip);
    }

    private void scoresCsv(Context ctx) {
        User u = user(ctx);
        String id = patientOf(ctx);
        audit.record(u, "export_csv", "patient", id, null, ctx.ip());
        ctx.header("Content-Disposition", "attachment; filename=\"scores.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(exports.csv(u, id));
    }

    private void createUser(Context ctx) {
        User u = user(ctx);
        if (!u.admin()) {
            throw new HttpError(403, "only an administrator can add accounts");
        }
        JsonNode b = body(ctx);
        String role = b.path("role").asText("clinician");
        User created = accounts.createUser(u.clinicId(), b.path("username").asText(""),
            b.path("password").asText("").toCharArray(), role);
        audit.record(u, "user_create", "user", created.id(), created.username() + " " + role, ctx.ip());
        ctx.status(201).json(Map.of("username", created.username(), "role", created.role()));
    }

    private void auditLog(Context ctx) {
        User u = user(ctx);
        if (!u.admin()) {
            throw new HttpError(403, "only an administrator can read the audit log");
        }
        ctx.json(audit.latest(u.clinicId(), 500));
    }

    // ---- files ----------------------------------------------------------------------------------------------

    private void viewerScript(Context ctx) throws IOException {
        if (config.viewerScript() == null || !Files.isRegularFile(config.viewerScript())) {
            throw new HttpError(404, "the 3D viewer is not installed: run ./face3d setup");
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("text/javascript").result(Files.readAllBytes(config.viewerScript()));
    }

    private static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = WebApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new HttpError(404, "not found");
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    static byte[] readBounded(InputStream in, long max) throws IOException {
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (b.length > max) {
            throw new HttpError(413, "the photo is larger than " + (max >> 20) + " MB: take it at a lower resolution "
                + "or save it as JPEG");
        }
        if (b.length == 0) {
            throw new Face3dException("the upload is empty: choose or take a photo");
        }
        return b;
    }

    private static JsonNode body(Context ctx) {
        try {
            String s = ctx.body();
            return s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            throw new Face3dException("the request body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }
}
