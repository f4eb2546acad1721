package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same server on PostgreSQL (a clinic's database server): migrations, accounts, clinic scoping, a visit
 * computed and its scores stored. Fails under CI when PostgreSQL is missing; skips elsewhere.
 */
class PostgresTest {
    @TempDir
    Path tmp;

    @Test
    void aVisitIsComputedAndStoredOnPostgres() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(TemporaryPostgres.binaries().isPresent(), "PostgreSQL is not installed");
        }
        try (TemporaryPostgres pg = TemporaryPostgres.start();
             FaceServer server = Fixtures.start(Fixtures.config(tmp).withJdbcUrl(pg.jdbcUrl()))) {
            Api north = Api.signedIn(server.url(), "north-doc");
            Api south = Api.signedIn(server.url(), "south-doc");
            String patient = north.createPatient("PG-1");
            String visit = north.createVisit(patient, "2026-09-30");
            for (Map.Entry<Posture, byte[]> e : Fixtures.photos(21, 256, Posture.REST, Posture.SMILE).entrySet()) {
                assertEquals(201, north.upload(visit, e.getKey().key(), e.getValue()).statusCode());
            }
            north.json("POST", "/api/visits/" + visit + "/submit", null);
            JsonNode v = north.awaitVisit(visit, 120);
            assertEquals("done", v.get("status").asText(), v.toString());
            assertTrue(v.at("/report/scores/static").isNumber(), v.toString());
            JsonNode progress = north.json("GET", "/api/patients/" + patient + "/progress", null);
            assertTrue(progress.get(0).at("/scores/static").isNumber(), progress.toString());
            assertEquals(404, south.send("GET", "/api/visits/" + visit, null).statusCode());
            assertTrue(north.send("GET", "/api/patients?q=pg", null).body().contains("PG-1"));
        }
    }
}
