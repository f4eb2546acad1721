package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.Face3dException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jdbi.v3.core.Jdbi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A visit's stored result as the API shows it, and the exports: the report as PDF, scores as CSV, meshes as ZIP. */
final class Exports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final BlobStore blobs;

    Exports(Jdbi jdbi, BlobStore blobs) {
        this.jdbi = jdbi;
        this.blobs = blobs;
    }

    /** {report, timing_ms, files: {posture: [kind...]}} when the visit has a result, else empty. */
    Map<String, Object> result(String visitId) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Map<String, Object>> r = jdbi.withHandle(h -> h.createQuery("SELECT report_json, timing_ms FROM "
            + "results WHERE visit_id = :v").bind("v", visitId).mapToMap().findOne());
        if (r.isEmpty()) {
            return out;
        }
        out.put("report", read((String) r.get().get("report_json")));
        out.put("timing_ms", r.get().get("timing_ms"));
        Map<String, List<String>> files = new LinkedHashMap<>();
        jdbi.withHandle(h -> h.createQuery("SELECT posture, kind FROM result_files WHERE visit_id = :v ORDER BY posture")
            .bind("v", visitId).mapToMap().list()).forEach(m -> files.computeIfAbsent((String) m.get("posture"),
                k -> new ArrayList<>()).add((String) m.get("kind")));
        out.put("files", files);
        return out;
    }

    Optional<String> file(String visitId, String posture, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sha256 FROM result_files WHERE visit_id = :v AND posture = :p "
            + "AND kind = :k").bind("v", visitId).bind("p", posture).bind("k", kind).mapTo(String.class).findOne());
    }

    /** A patient's visits (clinic checked by the caller) with their scores, oldest first, for plots. */
    List<Map<String, Object>> progress(User u, String patientId) {
        List<Map<String, Object>> visits = jdbi.withHandle(h -> h.createQuery("SELECT id, visit_date, status FROM "
                + "visits WHERE patient_id = :p AND clinic_id = :c ORDER BY visit_date, created_at").bind("p", patientId)
            .bind("c", u.clinicId()).mapToMap().list());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> v : visits) {
            Map<String, Object> m = new LinkedHashMap<>(v);
            Map<String, Object> scores = new LinkedHashMap<>();
            jdbi.withHandle(h -> h.createQuery("SELECT name, value FROM scores WHERE visit_id = :v ORDER BY name")
                .bind("v", v.get("id")).mapToMap().list()).forEach(s -> scores.put((String) s.get("name"), s.get("value")));
            m.put("scores", scores);
            out.add(m);
        }
        return out;
    }

    /** One row per visit and score; text that a spreadsheet would run as a formula is quoted with a leading '. */
    String csv(User u, String patientId) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("visit_date", "status", "score",
            "value").get())) {
            for (Map<String, Object> v : progress(u, patientId)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> scores = (Map<String, Object>) v.get("scores");
                for (Map.Entry<String, Object> s : scores.entrySet()) {
                    p.printRecord(v.get("visit_date"), v.get("status"), safe(s.getKey()), s.getValue());
                }
            }
        } catch (IOException e) {
            throw new Face3dException("cannot write the CSV: " + e.getMessage());
        }
        return w.toString();
    }

    static String safe(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    /** Every posture's fitted face as GLB (with the asymmetry colours) and OBJ. */
    byte[] meshesZip(String visitId) {
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT posture, kind, sha256 FROM "
            + "result_files WHERE visit_id = :v AND kind IN ('glb', 'obj') ORDER BY posture, kind").bind("v", visitId)
            .mapToMap().list());
        if (rows.isEmpty()) {
            throw new ClinicRecords.NotFound("meshes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map<String, Object> r : rows) {
                z.putNextEntry(new ZipEntry("face-" + r.get("posture") + "." + r.get("kind")));
                z.write(blobs.get((String) r.get("sha256")));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new Face3dException("cannot write the ZIP: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** The report as a printable PDF: scores first, then each movement's measures, then the asymmetry maps. */
    byte[] pdf(Map<String, Object> visit) {
        String visitId = (String) visit.get("id");
        Map<String, Object> res = result(visitId);
        if (res.isEmpty()) {
            throw new ClinicRecords.NotFound("report");
        }
        JsonNode report = (JsonNode) res.get("report");
        List<String> lines = new ArrayList<>();
        lines.add("face3d report - patient " + visit.get("patient_code") + ", visit " + visit.get("visit_date"));
        lines.add(report.path("disclaimer").asText());
        lines.add("");
        lines.add("Scores (0-100, 100 = symmetric / no synkinesis)");
        JsonNode scores = report.path("scores");
        for (String k : List.of("static", "dynamic", "synkinesis")) {
            lines.add("  " + k + ": " + number(scores.get(k)));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = scores.path("items").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            lines.add("  " + e.getKey() + ": " + number(e.getValue()));
        }
        lines.add("");
        lines.add("Healthy side: " + report.path("healthy_side").asText() + " (" + report.path("healthy_side_chosen")
            .asText() + ")");
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("summary").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            lines.add(e.getKey() + ": " + e.getValue().asText());
        }
        lines.add("");
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("movements").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            lines.add(e.getKey() + ": weaker side " + m.path("weaker_side").asText() + ", ratio "
                + number(m.get("ratio")) + " (" + m.path("primary_measure").asText() + ")");
        }
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 10);
                cs.setLeading(14);
                cs.newLineAtOffset(50, 790);
                for (String l : lines) {
                    cs.showText(ascii(l));
                    cs.newLine();
                }
                cs.endText();
            }
            for (Map<String, Object> f : jdbi.withHandle(h -> h.createQuery("SELECT posture, sha256 FROM result_files "
                + "WHERE visit_id = :v AND kind = 'heatmap' ORDER BY posture").bind("v", visitId).mapToMap().list())) {
                PDPage p = new PDPage(PDRectangle.A4);
                doc.addPage(p);
                PDImageXObject img = PDImageXObject.createFromByteArray(doc, blobs.get((String) f.get("sha256")),
                    "heatmap");
                float scale = Math.min(495f / img.getWidth(), 700f / img.getHeight());
                try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                    cs.drawImage(img, 50, 800 - img.getHeight() * scale, img.getWidth() * scale,
                        img.getHeight() * scale);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new Face3dException("cannot write the PDF: " + e.getMessage());
        }
    }

    private static String number(JsonNode n) {
        return n == null || !n.isNumber() ? "not measured" : String.format(Locale.ROOT, "%.2f", n.asDouble());
    }

    /** The standard PDF fonts encode WinAnsi only: other characters become '?'. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b.toString();
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new Face3dException("a stored report is damaged: " + e.getMessage());
        }
    }
}
