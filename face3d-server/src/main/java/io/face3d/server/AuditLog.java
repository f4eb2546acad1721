package io.face3d.server;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;

/** Who saw or changed what, when: one row per action on a patient, visit, photo, export or account. */
public final class AuditLog {
    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(User user, String action, String targetType, String targetId, String detail, String ip) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (id, at, user_id, clinic_id, action, target_type, "
                + "target_id, detail, ip) VALUES (:id, :at, :u, :c, :a, :tt, :ti, :d, :ip)").bind("id", Ids.random())
            .bind("at", System.currentTimeMillis()).bind("u", user == null ? null : user.id())
            .bind("c", user == null ? null : user.clinicId()).bind("a", action).bind("tt", targetType)
            .bind("ti", targetId).bind("d", detail == null ? null : truncate(detail)).bind("ip", ip).execute());
    }

    /** The latest entries of a clinic, newest first (for its administrators). */
    public List<Map<String, Object>> latest(String clinicId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.at, u.username, a.action, a.target_type, a.target_id, "
                + "a.detail, a.ip FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.clinic_id = :c "
                + "ORDER BY a.at DESC LIMIT :n").bind("c", clinicId).bind("n", limit).mapToMap().list());
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
