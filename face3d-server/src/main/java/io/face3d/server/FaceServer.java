package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.api.Face3d;
import io.face3d.core.Face3dException;
import io.javalin.Javalin;
import org.jdbi.v3.core.Handle;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code face3d serve}: the database, the file store, the work queue and the web app, started and stopped
 * together. A visit's job reads the visit's stored photos, runs {@link VisitAnalysis} and stores the report,
 * the scores and the files in one transaction.
 */
public final class FaceServer implements AutoCloseable {
    static final String DETECTOR = "mediapipe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeConfig config;
    private final Database db;
    private final BlobStore blobs;
    private final ClinicRecords records;
    private final JobQueue jobs;
    private final Javalin app;

    private FaceServer(ServeConfig config, Database db, Face3d face3d) {
        this.config = config;
        this.db = db;
        this.blobs = new BlobStore(config.dataDir());
        this.records = new ClinicRecords(db.jdbi());
        VisitAnalysis analysis = new VisitAnalysis(face3d, DETECTOR);
        this.jobs = new JobQueue(db.jdbi(), config.workers(), visitId -> compute(analysis, visitId),
            (visitId, error) -> records.setVisitStatus(visitId, "failed", error));
        WebApp web = new WebApp(config, new Accounts(db.jdbi()), records, new AuditLog(db.jdbi()), blobs, jobs,
            new PhotoCheck(face3d, DETECTOR), new PostureExamples(face3d.model()), db.jdbi());
        this.app = web.create();
    }

    /** Opens the database (migrating it), resumes the jobs left by a stop, and starts serving. */
    public static FaceServer start(ServeConfig config, Face3d face3d) {
        Database db = Database.open(config.effectiveJdbcUrl());
        try {
            FaceServer s = new FaceServer(config, db, face3d);
            s.app.start(config.host(), config.port());
            return s;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    private void compute(VisitAnalysis analysis, String visitId) {
        long t0 = System.nanoTime();
        records.setVisitStatus(visitId, "running", null);
        Map<Posture, Path> photos = new EnumMap<>(Posture.class);
        for (Map<String, Object> ph : records.photos(visitId)) {
            Posture.of((String) ph.get("posture")).ifPresent(p -> photos.put(p, blobs.path((String) ph.get("sha256"))));
        }
        VisitAnalysis.Outcome out = analysis.run(photos);
        Map<String, Map<String, String>> stored = new java.util.LinkedHashMap<>();
        out.files().forEach((posture, files) -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            files.forEach((kind, bytes) -> m.put(kind, blobs.put(bytes)));
            stored.put(posture, m);
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String report;
        try {
            report = JSON.writeValueAsString(out.report());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Face3dException("cannot encode the report: " + e.getMessage());
        }
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM results WHERE visit_id = :v").bind("v", visitId).execute();
            h.createUpdate("DELETE FROM result_files WHERE visit_id = :v").bind("v", visitId).execute();
            h.createUpdate("DELETE FROM scores WHERE visit_id = :v").bind("v", visitId).execute();
            h.createUpdate("INSERT INTO results (visit_id, report_json, timing_ms, created_at) VALUES (:v, :r, :ms, :t)")
                .bind("v", visitId).bind("r", report).bind("ms", ms).bind("t", System.currentTimeMillis()).execute();
            stored.forEach((posture, m) -> m.forEach((kind, sha) -> h.createUpdate("INSERT INTO result_files "
                    + "(visit_id, posture, kind, sha256) VALUES (:v, :p, :k, :s)").bind("v", visitId).bind("p", posture)
                .bind("k", kind).bind("s", sha).execute()));
            insertScores(h, visitId, out.report().path("scores"));
            h.createUpdate("UPDATE visits SET status = 'done', error = NULL WHERE id = :v").bind("v", visitId)
                .execute();
        });
    }

    private static void insertScores(Handle h, String visitId, JsonNode scores) {
        for (String k : List.of("static", "dynamic", "synkinesis")) {
            score(h, visitId, k, scores.get(k));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = scores.path("items").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            score(h, visitId, "item:" + e.getKey(), e.getValue());
        }
    }

    private static void score(Handle h, String visitId, String name, JsonNode v) {
        h.createUpdate("INSERT INTO scores (visit_id, name, value) VALUES (:v, :n, :x)").bind("v", visitId)
            .bind("n", name).bind("x", v == null || !v.isNumber() ? null : v.asDouble()).execute();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        db.close();
    }
}
