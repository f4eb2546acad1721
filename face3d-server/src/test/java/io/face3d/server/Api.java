package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of the JSON API as a script would use it: one cookie jar, the CSRF token of its sign-in. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    final String base;
    final HttpClient http;
    String csrf;

    Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
            .build();
    }

    static Api signedIn(String base, String user) throws IOException, InterruptedException {
        Api a = new Api(base);
        HttpResponse<String> r = a.send("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\""
            + Fixtures.PASSWORD + "\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
        }
        a.csrf = JSON.readTree(r.body()).get("csrf").asText();
        return a;
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String visit, String posture, byte[] photo) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/visits/" + visit + "/photos/" + posture))
            .timeout(Duration.ofSeconds(120)).PUT(HttpRequest.BodyPublishers.ofByteArray(photo))
            .header("Content-Type", "application/octet-stream");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String createPatient(String code) throws IOException, InterruptedException {
        return json("POST", "/api/patients", "{\"code\":\"" + code + "\",\"name\":\"Patient " + code + "\"}").get("id")
            .asText();
    }

    String createVisit(String patient, String date) throws IOException, InterruptedException {
        return json("POST", "/api/patients/" + patient + "/visits", "{\"date\":\"" + date + "\"}").get("id").asText();
    }

    /** Polls the visit until it is done or failed, at most {@code seconds}; its last state. */
    JsonNode awaitVisit(String visit, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode v;
        do {
            v = json("GET", "/api/visits/" + visit, null);
            String s = v.get("status").asText();
            if (s.equals("done") || s.equals("failed")) {
                return v;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < end);
        return v;
    }
}
