package io.face3d.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The security contract of the API: sessions, CSRF, clinic scoping, rate limits, upload limits, headers. */
class AccessControlTest {
    @TempDir
    static Path tmp;
    static FaceServer server;
    static Api north;
    static Api south;
    static String patient;
    static String visit;

    @BeforeAll
    static void start() throws Exception {
        server = Fixtures.start(Fixtures.config(tmp.resolve("data")));
        north = Api.signedIn(server.url(), "north-doc");
        south = Api.signedIn(server.url(), "south-doc");
        patient = north.createPatient("N-1");
        visit = north.createVisit(patient, "2026-10-01");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anotherClinicsRecordsAreNotFoundAndGuessedIdsToo() throws Exception {
        for (String path : List.of("/api/patients/" + patient, "/api/visits/" + visit,
            "/api/patients/" + patient + "/progress", "/api/patients/" + Ids.random(), "/api/visits/" + Ids.random(),
            "/api/visits/../../etc/passwd", "/api/visits/" + visit + "/files/rest/..%2F..%2Fface3d.db")) {
            assertEquals(404, south.send("GET", path, null).statusCode(), path);
        }
        assertEquals(404, south.send("POST", "/api/patients/" + patient + "/visits", "{}").statusCode());
        assertEquals(404, south.send("POST", "/api/visits/" + visit + "/submit", null).statusCode());
        assertFalse(south.send("GET", "/api/patients", null).body().contains("N-1"));
        assertEquals(200, north.send("GET", "/api/patients/" + patient, null).statusCode());
    }

    @Test
    void withoutASessionNothingButSignInAndThePosturesAnswers() throws Exception {
        Api anon = new Api(server.url());
        assertEquals(401, anon.send("GET", "/api/patients", null).statusCode());
        assertEquals(401, anon.send("GET", "/api/visits/" + visit, null).statusCode());
        assertEquals(200, anon.send("GET", "/api/postures", null).statusCode());
        HttpResponse<String> forged = anon.send("GET", "/api/me", null);
        assertEquals(401, forged.statusCode());
    }

    @Test
    void changesNeedTheCsrfTokenAndThisOrigin() throws Exception {
        Api noToken = Api.signedIn(server.url(), "north-doc");
        noToken.csrf = null;
        assertEquals(403, noToken.send("POST", "/api/patients", "{\"code\":\"X\",\"name\":\"Y\"}").statusCode());
        noToken.csrf = "0".repeat(64);
        assertEquals(403, noToken.send("POST", "/api/patients", "{\"code\":\"X\",\"name\":\"Y\"}").statusCode());
        HttpRequest crossSite = HttpRequest.newBuilder(URI.create(server.url() + "/api/patients"))
            .header("Origin", "http://evil.example").header("X-CSRF-Token", north.csrf)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertEquals(403, north.http.send(crossSite, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void signInIsRateLimitedPerUserName() throws Exception {
        Api a = new Api(server.url());
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = a.send("POST", "/api/login", "{\"username\":\"south-doc\",\"password\":\"wrong-password\"}")
                .statusCode();
        }
        assertEquals(429, last);
        HttpResponse<String> r = a.send("POST", "/api/login", "{\"username\":\"south-doc\",\"password\":\""
            + Fixtures.PASSWORD + "\"}");
        assertEquals(429, r.statusCode(), "even the right password waits");
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void uploadsAreSniffedAndBounded() throws Exception {
        String v = north.createVisit(patient, "2026-10-02");
        HttpResponse<String> html = north.upload(v, "rest", "<html><script>alert(1)</script></html>".getBytes());
        assertEquals(400, html.statusCode());
        assertTrue(html.body().contains("not a PNG or JPEG"), html.body());
        byte[] big = new byte[(21 << 20)];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertEquals(413, north.upload(v, "rest", big).statusCode());
        assertEquals(404, north.upload(v, "../../x", Fixtures.astronaut()).statusCode());
        HttpResponse<String> ok = north.upload(v, "rest", Fixtures.astronaut());
        assertEquals(201, ok.statusCode(), ok.body());
        assertTrue(Api.JSON.readTree(ok.body()).at("/check/ok").asBoolean(), ok.body());
        try (var files = Files.walk(tmp.resolve("data/blobs"))) {
            assertTrue(files.filter(Files::isRegularFile).allMatch(f -> f.getFileName().toString()
                .matches("[0-9a-f]{64}")), "stored files are named by their sha256 only");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndTheCookieIsHttpOnly() throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        for (String path : List.of("/login.html", "/js/app.js", "/api/postures")) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self';"), path + ": " + csp);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
        HttpResponse<String> login = new Api(server.url()).send("POST", "/api/login", "{\"username\":\"north-doc\","
            + "\"password\":\"" + Fixtures.PASSWORD + "\"}");
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertNotNull(cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        for (String page : List.of("login", "patients", "patient", "visit-new", "visit", "viewer", "progress")) {
            String html = new String(getClass().getResourceAsStream("/web/" + page + ".html").readAllBytes());
            assertFalse(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", "").contains("<script"),
                page + " has no inline script");
        }
    }

    @Test
    void onlyAnAdministratorAddsAccountsAndReadsTheAuditLog() throws Exception {
        assertEquals(403, north.send("POST", "/api/users", "{\"username\":\"x-doc\",\"password\":\"long-enough-pw\"}")
            .statusCode());
        assertEquals(403, north.send("GET", "/api/audit", null).statusCode());
        Api admin = Api.signedIn(server.url(), "north-admin");
        assertEquals(201, admin.send("POST", "/api/users", "{\"username\":\"north-doc2\",\"password\":\""
            + Fixtures.PASSWORD + "\",\"role\":\"clinician\"}").statusCode());
        assertEquals(400, admin.send("POST", "/api/users", "{\"username\":\"north-doc3\",\"password\":\"short\"}")
            .statusCode());
        String audit = admin.send("GET", "/api/audit", null).body();
        assertTrue(audit.contains("patient_create") && audit.contains("user_create"), audit);
        Api.signedIn(server.url(), "north-doc2");
    }
}
