package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load and faults on 127.0.0.1, bounded in count and time. Load: 20 clients each upload a visit of 4 photos at
 * once; every upload is acknowledged (201) or refused with 503 and Retry-After (then retried), and every
 * acknowledged photo is in the visit afterwards; page latencies measured meanwhile go to
 * {@code target/load-report.md}. Restart: the server process is killed with SIGKILL while it computes; after a
 * restart every acknowledged visit completes.
 */
class LoadAndRestartTest {
    static final int CLIENTS = 20;
    static final Posture[] POSTURES = {Posture.REST, Posture.SMILE, Posture.BROW, Posture.EYES_CLOSED};
    /** Photo side in pixels: small, to keep the test within its time on 2 cores. */
    static final int SIDE = 224;

    @TempDir
    Path tmp;

    @Test
    void twentyClientsUploadAtOnceAndNothingAcknowledgedIsLost() throws Exception {
        ServeConfig c = Fixtures.config(tmp.resolve("data")).withUploadWait(1500);
        List<Map<Posture, byte[]>> subjects = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            subjects.add(Fixtures.photos(100 + s, SIDE, POSTURES));
        }
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Long> pageMillis = Collections.synchronizedList(new ArrayList<>());
        Map<String, Map<String, String>> sent = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        try (FaceServer server = Fixtures.start(c)) {
            List<Api> apis = new ArrayList<>();
            List<String> visits = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Api a = Api.signedIn(server.url(), "north-doc");
                apis.add(a);
                visits.add(a.createVisit(a.createPatient("L-" + i), "2026-08-01"));
            }
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread probe = new Thread(() -> probePages(server.url(), apis.get(0), loading, pageMillis));
            probe.start();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS * POSTURES.length);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Api a = apis.get(i);
                String visit = visits.get(i);
                Map<Posture, byte[]> photos = subjects.get(i % subjects.size());
                for (Posture p : POSTURES) {
                    done.add(pool.submit(() -> {
                        for (int attempt = 0; attempt < 60; attempt++) {
                            HttpResponse<String> r = a.upload(visit, p.key(), photos.get(p));
                            if (r.statusCode() == 201) {
                                acknowledged.incrementAndGet();
                                sent.computeIfAbsent(visit, k -> new ConcurrentHashMap<>()).put(p.key(),
                                    BlobStore.sha256(photos.get(p)));
                                return null;
                            }
                            if (r.statusCode() != 503) {
                                other.incrementAndGet();
                                return null;
                            }
                            refused.incrementAndGet();
                            String retry = r.headers().firstValue("Retry-After").orElse(null);
                            if (retry == null) {
                                refusedWithoutRetryAfter.incrementAndGet();
                            }
                            Thread.sleep(1000L * Long.parseLong(retry == null ? "1" : retry));
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long uploadMillis = (System.nanoTime() - t0) / 1_000_000;
            for (int i = 0; i < CLIENTS; i++) {
                apis.get(i).json("POST", "/api/visits/" + visits.get(i) + "/submit", null);
            }
            int completed = 0;
            for (int i = 0; i < CLIENTS; i++) {
                if ("done".equals(apis.get(i).awaitVisit(visits.get(i), 300).get("status").asText())) {
                    completed++;
                }
            }
            loading.set(false);
            probe.join();
            long totalMillis = (System.nanoTime() - t0) / 1_000_000;

            assertEquals(0, other.get(), "uploads answered other than 201 or 503");
            assertEquals(0, refusedWithoutRetryAfter.get(), "503 without Retry-After");
            assertEquals(CLIENTS * POSTURES.length, acknowledged.get(), "every upload acknowledged in the end");
            for (int i = 0; i < CLIENTS; i++) {
                JsonNode v = apis.get(i).json("GET", "/api/visits/" + visits.get(i), null);
                assertEquals(POSTURES.length, v.get("photos").size(), "photos of visit " + i);
            }
            for (Map.Entry<String, Map<String, String>> e : sent.entrySet()) {
                assertEquals(POSTURES.length, e.getValue().size());
            }
            assertEquals(CLIENTS, completed, "every visit computed");
            writeReport(pageMillis, acknowledged.get(), refused.get(), uploadMillis, totalMillis);
        }
    }

    /** Page loads while the load runs: the patient list page and its API call, one after the other. */
    private static void probePages(String base, Api api, AtomicBoolean loading, List<Long> out) {
        HttpClient plain = HttpClient.newHttpClient();
        try {
            while (loading.get() && out.size() < 2000) {
                long t = System.nanoTime();
                plain.send(HttpRequest.newBuilder(URI.create(base + "/patients.html")).build(),
                    HttpResponse.BodyHandlers.discarding());
                api.send("GET", "/api/patients", null);
                out.add((System.nanoTime() - t) / 1_000_000);
                Thread.sleep(200);
            }
        } catch (Exception e) {
            out.add(-1L);
        }
    }

    private static void writeReport(List<Long> pages, int acknowledged, int refused, long uploadMillis,
                                    long totalMillis) throws Exception {
        List<Long> s = new ArrayList<>(pages);
        assertTrue(s.stream().allMatch(x -> x >= 0), "every page loaded");
        Collections.sort(s);
        long median = s.isEmpty() ? -1 : s.get(s.size() / 2);
        long p95 = s.isEmpty() ? -1 : s.get(Math.min(s.size() - 1, (int) Math.ceil(0.95 * s.size()) - 1));
        String report = String.format(Locale.ROOT, """
            # face3d serve load test

            %d clients x %d photos (%dx%d px synthetic renders), uploaded at once to 127.0.0.1; %d cores.

            | measure | value |
            |---|---|
            | uploads acknowledged (201) | %d |
            | refusals (503 with Retry-After, then retried) | %d |
            | all uploads acknowledged after | %.1f s |
            | all %d visits computed after | %.1f s |
            | page loads measured (patients.html + /api/patients) | %d |
            | page load median | %d ms |
            | page load p95 | %d ms |
            """, CLIENTS, POSTURES.length, SIDE, SIDE, Runtime.getRuntime().availableProcessors(), acknowledged,
            refused, uploadMillis / 1000.0, CLIENTS, totalMillis / 1000.0, s.size(), median, p95);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/load-report.md"), report);
    }

    @Test
    void killedWhileComputingEveryAcknowledgedVisitCompletesAfterARestart() throws Exception {
        Path data = tmp.resolve("restart");
        ServeConfig c = Fixtures.config(data);
        AdminSetup.createClinician(c, "North Clinic", "north-doc", Fixtures.PASSWORD.toCharArray());
        Path portFile = tmp.resolve("port");
        Process p = ServerProcess.launch(data, portFile, tmp.resolve("server1.log"));
        List<String> visits = new ArrayList<>();
        try {
            Api a = Api.signedIn("http://127.0.0.1:" + ServerProcess.port(portFile), "north-doc");
            String patient = a.createPatient("K-1");
            for (int i = 0; i < 6; i++) {
                String v = a.createVisit(patient, "2026-07-0" + (i + 1));
                for (Map.Entry<Posture, byte[]> e : Fixtures.photos(200 + i, SIDE, Posture.REST, Posture.SMILE)
                    .entrySet()) {
                    assertEquals(201, a.upload(v, e.getKey().key(), e.getValue()).statusCode());
                }
                assertEquals(202, a.send("POST", "/api/visits/" + v + "/submit", null).statusCode());
                visits.add(v);
            }
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end && !a.json("GET", "/api/visits/" + visits.get(0), null).get("status")
                .asText().equals("running")) {
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean close
            p.waitFor(30, TimeUnit.SECONDS);
        }
        Process again = ServerProcess.launch(data, portFile, tmp.resolve("server2.log"));
        try {
            Api a = Api.signedIn("http://127.0.0.1:" + ServerProcess.port(portFile), "north-doc");
            for (String v : visits) {
                JsonNode r = a.awaitVisit(v, 180);
                assertEquals("done", r.get("status").asText(), r.toString());
                assertEquals(2, r.get("photos").size());
            }
        } finally {
            again.destroyForcibly();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
