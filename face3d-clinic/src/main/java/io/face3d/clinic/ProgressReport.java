package io.face3d.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a patient's visits ({@link PatientFolder}): every scale score and every item over time, the change since
 * the first and since the last visit, and the measurement uncertainty of each number; writes progress.html (a table
 * and a plot per score) and progress.csv (every number).
 */
public final class ProgressReport {
    /**
     * Uncertainty of an eFACE point by input kind: meshes are measured exactly; for photos, the median difference
     * of the eFACE total between photo-like renders and the same patients' meshes in {@code face3d bench assess}
     * (seed 41, 12 patients; a median, not a bound).
     */
    static final Map<String, Double> EFACE_UNCERTAINTY = Map.of("mesh", 0.0, "reconstruction", 0.0, "photo", 2.4);

    /**
     * One number followed over the visits.
     *
     * @param scale          scale key
     * @param key            "score:NAME" or the item key
     * @param label          in words
     * @param higherIsBetter the scale's direction
     * @param values         one per visit, oldest first (NaN when not assessed at that visit)
     * @param uncertainty    the measurement uncertainty in the value's units (NaN when unknown)
     */
    public record Row(String scale, String key, String label, boolean higherIsBetter, double[] values,
                      double uncertainty) {
        public double sinceFirst() {
            return values[values.length - 1] - values[0];
        }

        public double sinceLast() {
            return values.length < 2 ? Double.NaN : values[values.length - 1] - values[values.length - 2];
        }

        /** True when the last visit is better than the first by more than the uncertainty. */
        public boolean improved() {
            double d = higherIsBetter ? sinceFirst() : -sinceFirst();
            return d > (Double.isFinite(uncertainty) ? uncertainty : 0);
        }
    }

    private ProgressReport() {
    }

    public static List<Row> rows(List<PatientFolder.Visit> visits) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int v = 0; v < visits.size(); v++) {
            JsonNode report = visits.get(v).report();
            double u = uncertainty(report);
            for (Map.Entry<String, JsonNode> sc : report.get("scales").properties()) {
                String scale = sc.getKey();
                for (Map.Entry<String, JsonNode> s : sc.getValue().get("scores").properties()) {
                    put(rows, visits.size(), v, scale, "score:" + s.getKey(), sc.getValue().get("title").asText() + ": "
                        + s.getKey().replace('_', ' '), better(scale, s.getKey()), s.getValue(), scaled(scale, u));
                }
                for (JsonNode item : sc.getValue().get("items")) {
                    put(rows, visits.size(), v, scale, item.get("key").asText(), item.get("label").asText(),
                        better(scale, item.get("key").asText()), item.get("value"), scaled(scale, u));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    private static void put(Map<String, Row> rows, int n, int v, String scale, String key, String label,
                            boolean higher, JsonNode value, double u) {
        Row r = rows.computeIfAbsent(scale + "/" + key, k -> {
            double[] vals = new double[n];
            java.util.Arrays.fill(vals, Double.NaN);
            return new Row(scale, key, label, higher, vals, u);
        });
        r.values()[v] = value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    /** The least certain input of the visit decides: any photo posture makes it a photo visit. */
    private static double uncertainty(JsonNode report) {
        double u = 0;
        for (JsonNode m : report.path("movements")) {
            u = Math.max(u, EFACE_UNCERTAINTY.getOrDefault(m.path("source").asText(), Double.NaN));
        }
        return u;
    }

    /** eFACE points carry the uncertainty as is; other scales' grades are coarse and compared as they are. */
    private static double scaled(String scale, double efacePoints) {
        return scale.equals("eface") ? efacePoints : 0;
    }

    static boolean better(String scale, String key) {
        return switch (scale) {
            case "eface" -> true;
            case "sunnybrook" -> key.startsWith("voluntary") || key.equals("score:voluntary_movement")
                || key.equals("score:composite");
            default -> !(key.equals("score:grade") || key.equals("rest")); // House-Brackmann: regions are ratios
        };
    }

    public static void write(List<PatientFolder.Visit> visits, Path dir) {
        write(visits, dir, null);
    }

    /**
     * Writes the report; with the model's face-region triangles, each posture stored at the first and the last
     * visit is also drawn as its 3D difference between them ({@link VisitDifference}).
     */
    public static void write(List<PatientFolder.Visit> visits, Path dir, int[] faceTriangles) {
        List<Row> rows = rows(visits);
        StringBuilder csv = new StringBuilder("scale,item,label");
        for (PatientFolder.Visit v : visits) {
            csv.append(',').append(v.date());
        }
        csv.append(",since_first,since_last,uncertainty,improved\n");
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>face3d progress</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
            + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 7px;text-align:right}"
            + "td:first-child{text-align:left}.up{color:#0a6b2a}.down{color:#a11}</style></head><body>"
            + "<h1>Progress over visits</h1><p>Research tool, not a medical device. Each change is shown against the "
            + "measurement uncertainty (photos: eFACE +-" + EFACE_UNCERTAINTY.get("photo") + " points, the median "
            + "photo-vs-mesh difference in face3d bench assess; meshes: exact).</p>");
        for (Row r : rows) {
            if (r.key().startsWith("score:")) {
                h.append(plot(r, visits));
            }
        }
        h.append(differences(visits, faceTriangles));
        h.append("<table><tr><th>item</th>");
        visits.forEach(v -> h.append("<th>").append(v.date()).append("</th>"));
        h.append("<th>since first</th><th>since last</th><th>+-</th></tr>");
        for (Row r : rows) {
            csv.append(r.scale()).append(',').append(r.key()).append(",\"").append(r.label().replace("\"", "\"\""))
                .append('"');
            h.append("<tr><td>").append(ReportWriter.escape(r.label())).append("</td>");
            for (double x : r.values()) {
                csv.append(',').append(num(x));
                h.append("<td>").append(num(x)).append("</td>");
            }
            csv.append(',').append(num(r.sinceFirst())).append(',').append(num(r.sinceLast())).append(',')
                .append(num(r.uncertainty())).append(',').append(r.improved()).append('\n');
            h.append("<td class=\"").append(r.improved() ? "up" : "").append("\">").append(num(r.sinceFirst()))
                .append("</td><td>").append(num(r.sinceLast())).append("</td><td>").append(num(r.uncertainty()))
                .append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("progress.html"), h.toString());
            AtomicFiles.writeString(dir.resolve("progress.csv"), csv.toString());
        } catch (IOException e) {
            throw new Face3dException("cannot write the progress report into " + dir + " (" + e.getMessage()
                + "): check the folder is writable");
        }
    }

    private static String differences(List<PatientFolder.Visit> visits, int[] triangles) {
        if (triangles == null || visits.size() < 2) {
            return "";
        }
        StringBuilder h = new StringBuilder();
        PatientFolder.Visit first = visits.get(0), last = visits.get(visits.size() - 1);
        for (Movement m : Movement.values()) {
            java.util.Optional<java.awt.image.BufferedImage> img = VisitDifference.render(first, last, m, triangles);
            if (img.isPresent()) {
                try {
                    h.append("<figure><img alt=\"").append(ReportWriter.escape(m.label())).append(" difference\" src=\"data:image/png;base64,")
                        .append(ReportWriter.png(img.get())).append("\"></figure>");
                } catch (IOException e) {
                    throw new Face3dException("cannot encode a figure (" + e.getMessage() + ")");
                }
            }
        }
        return h.length() == 0 ? "<p>No 3D faces stored at both the first and the last visit: no 3D difference.</p>"
            : "<h2>3D difference between the first and the last visit</h2><p>The last visit's face aligned rigidly "
            + "to the first's; colour = distance each point moved (mm), on the first visit's face.</p>" + h;
    }

    /** An inline SVG line plot of one score over the visits, with its uncertainty as a band. */
    private static String plot(Row r, List<PatientFolder.Visit> visits) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : r.values()) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x - r.uncertainty());
                hi = Math.max(hi, x + r.uncertainty());
            }
        }
        if (!Double.isFinite(lo)) {
            return "";
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        int w = 320, hgt = 160, pad = 30;
        StringBuilder s = new StringBuilder("<figure style=\"display:inline-block\"><svg width=\"" + w + "\" height=\""
            + hgt + "\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#ccc\"/>");
        StringBuilder line = new StringBuilder();
        int n = r.values().length;
        for (int i = 0; i < n; i++) {
            double x = r.values()[i];
            if (!Double.isFinite(x)) {
                continue;
            }
            double px = pad + (n == 1 ? 0 : (w - 2 * pad) * i / (double) (n - 1));
            double py = hgt - pad - (hgt - 2 * pad) * (x - lo) / (hi - lo);
            double du = (hgt - 2 * pad) * r.uncertainty() / (hi - lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9bd\" "
                + "stroke-width=\"6\"/>", px, py - du, px, py + du));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#135\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", px, py, px, hgt - 8,
                visits.get(i).date()));
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        s.append("<polyline fill=\"none\" stroke=\"#135\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"12\">%s (%s to %s)</text>",
            ReportWriter.escape(r.label()), num(lo), num(hi)));
        return s.append("</svg></figure>").toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
    }
}
