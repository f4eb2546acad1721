package io.face3d.server;

import io.face3d.core.Face3dException;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patients, visits and photos, always read and written within the caller's clinic: every query names the
 * clinic, so a row of another clinic is indistinguishable from a row that does not exist.
 */
public final class ClinicRecords {
    private final Jdbi jdbi;

    public ClinicRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public String createPatient(User u, String code, String name, Integer birthYear, String notes) {
        String c = text(code, "patient code", 1, 100);
        String n = text(name, "patient name", 1, 200);
        String no = notes == null ? "" : text(notes, "notes", 0, 2000);
        if (birthYear != null && (birthYear < 1900 || birthYear > LocalDate.now().getYear())) {
            throw new Face3dException("birth year must be between 1900 and this year, got " + birthYear);
        }
        boolean taken = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patients WHERE clinic_id = :cl "
            + "AND code = :c").bind("cl", u.clinicId()).bind("c", c).mapTo(Integer.class).one() > 0);
        if (taken) {
            throw new Face3dException("a patient with code '" + c + "' exists already in this clinic");
        }
        String id = Ids.random();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO patients (id, clinic_id, code, name, birth_year, notes, "
                + "created_by, created_at) VALUES (:id, :cl, :c, :n, :b, :no, :u, :t)").bind("id", id)
            .bind("cl", u.clinicId()).bind("c", c).bind("n", n).bind("b", birthYear).bind("no", no)
            .bind("u", u.id()).bind("t", System.currentTimeMillis()).execute());
        return id;
    }

    /** The clinic's patients whose code or name contains {@code query} (all when blank), by name. */
    public List<Map<String, Object>> patients(User u, String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.code, p.name, p.birth_year, "
                + "(SELECT COUNT(*) FROM visits v WHERE v.patient_id = p.id) AS visits, "
                + "(SELECT MAX(v.visit_date) FROM visits v WHERE v.patient_id = p.id) AS last_visit "
                + "FROM patients p WHERE p.clinic_id = :cl AND (LOWER(p.code) LIKE :q OR LOWER(p.name) LIKE :q) "
                + "ORDER BY p.name, p.code LIMIT :n").bind("cl", u.clinicId()).bind("q", "%" + escapeLike(q) + "%")
            .bind("n", limit).mapToMap().list());
    }

    public Optional<Map<String, Object>> patient(User u, String id) {
        if (!Ids.valid(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, code, name, birth_year, notes, created_at FROM patients "
            + "WHERE id = :id AND clinic_id = :cl").bind("id", id).bind("cl", u.clinicId()).mapToMap().findOne());
    }

    public String createVisit(User u, String patientId, String date) {
        patient(u, patientId).orElseThrow(() -> new NotFound("patient"));
        String d;
        try {
            d = LocalDate.parse(date == null || date.isBlank() ? LocalDate.now().toString() : date.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new Face3dException("a visit date is YYYY-MM-DD, got '" + date + "'");
        }
        String id = Ids.random();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO visits (id, patient_id, clinic_id, visit_date, status, "
                + "created_by, created_at) VALUES (:id, :p, :cl, :d, 'open', :u, :t)").bind("id", id)
            .bind("p", patientId).bind("cl", u.clinicId()).bind("d", d).bind("u", u.id())
            .bind("t", System.currentTimeMillis()).execute());
        return id;
    }

    public List<Map<String, Object>> visits(User u, String patientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, visit_date, status, error, created_at FROM visits "
                + "WHERE patient_id = :p AND clinic_id = :cl ORDER BY visit_date, created_at").bind("p", patientId)
            .bind("cl", u.clinicId()).mapToMap().list());
    }

    public Optional<Map<String, Object>> visit(User u, String id) {
        if (!Ids.valid(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT v.id, v.patient_id, v.visit_date, v.status, v.error, "
                + "p.code AS patient_code, p.name AS patient_name FROM visits v JOIN patients p ON p.id = v.patient_id "
                + "WHERE v.id = :id AND v.clinic_id = :cl").bind("id", id).bind("cl", u.clinicId()).mapToMap()
            .findOne());
    }

    /** Records a stored photo for a posture (replacing an earlier one: a retake). */
    public void putPhoto(String visitId, String posture, String sha256, String mediaType, int width, int height) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM photos WHERE visit_id = :v AND posture = :p").bind("v", visitId)
                .bind("p", posture).execute();
            h.createUpdate("INSERT INTO photos (visit_id, posture, sha256, media_type, width, height, created_at) "
                    + "VALUES (:v, :p, :s, :m, :w, :h, :t)").bind("v", visitId).bind("p", posture).bind("s", sha256)
                .bind("m", mediaType).bind("w", width).bind("h", height).bind("t", System.currentTimeMillis())
                .execute();
        });
    }

    public void photoChecked(String visitId, String posture, String sha256, String checkJson) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE photos SET check_json = :c WHERE visit_id = :v AND posture = :p "
            + "AND sha256 = :s").bind("c", checkJson).bind("v", visitId).bind("p", posture).bind("s", sha256).execute());
    }

    /** A visit's photos (visit access checked by the caller). */
    public List<Map<String, Object>> photos(String visitId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT posture, sha256, media_type, width, height, check_json "
            + "FROM photos WHERE visit_id = :v ORDER BY created_at").bind("v", visitId).mapToMap().list());
    }

    public void setVisitStatus(String visitId, String status, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE visits SET status = :s, error = :e WHERE id = :v")
            .bind("s", status).bind("e", error).bind("v", visitId).execute());
    }

    private static String text(String s, String what, int min, int max) {
        String t = s == null ? "" : s.strip();
        if (t.length() < min || t.length() > max) {
            throw new Face3dException(what + " must have " + min + " to " + max + " characters");
        }
        return t;
    }

    private static String escapeLike(String q) {
        return q.replace("%", "").replace("_", "");
    }

    /** A row that does not exist in the caller's clinic: answered with 404, whatever the reason. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String what) {
            super(what + " not found");
        }
    }
}
