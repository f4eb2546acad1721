package io.face3d.clinic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.json} (the machine-readable measures; field names in the assessment issue) and
 * {@code report.html} (one self-contained page, images inlined as data URIs, that a clinician can open or print).
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** The report as JSON. {@code sources} names where each posture came from; {@code extra} is copied in. */
    public static ObjectNode toJson(Assessment a, Map<Movement, String> sources, Map<String, Object> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "face3d assess");
        root.put("disclaimer", "Research tool, not a medical device.");
        root.put("units", "millimetres in the face's own frame (model space), degrees for angles");
        root.put("healthy_side", a.healthySide().json());
        root.put("healthy_side_chosen", a.healthyChosen());
        ObjectNode rest = root.putObject("rest");
        rest.set("right", sideJson(a.rightAtRest()));
        rest.set("left", sideJson(a.leftAtRest()));
        ObjectNode movements = root.putObject("movements");
        for (MovementScore s : a.movements().values()) {
            ObjectNode m = movements.putObject(s.movement().key());
            m.put("weaker_side", s.weakerSide().json());
            m.put("ratio", s.ratio());
            m.put("primary_measure", s.primary());
            m.put("primary_measure_source", s.primarySource());
            m.put("source", sources.getOrDefault(s.movement(), "unknown"));
            ObjectNode right = sideJson(s.right());
            ObjectNode left = sideJson(s.left());
            s.changeRight().forEach((k, v) -> putNumber(right, k, v));
            s.changeLeft().forEach((k, v) -> putNumber(left, k, v));
            m.set("right", right);
            m.set("left", left);
            ObjectNode act = m.putObject("activations");
            s.activations().forEach((name, rl) -> {
                ObjectNode p = act.putObject(name);
                p.put("right", rl[0]);
                p.put("left", rl[1]);
            });
        }
        ObjectNode scores = root.putObject("scores");
        scores.put("static", a.staticScore());
        putNumber(scores, "dynamic", a.dynamicScore());
        putNumber(scores, "synkinesis", a.synkinesisScore());
        ObjectNode items = scores.putObject("items");
        a.items().forEach((k, v) -> putNumber(items, k, v));
        ObjectNode scales = root.putObject("scales");
        for (ScaleResult sr : a.scales()) {
            ObjectNode n = scales.putObject(sr.key());
            n.put("title", sr.title());
            n.put("estimate", sr.estimate());
            if (sr.grade() != null) {
                n.put("grade", sr.grade());
            }
            ObjectNode sc = n.putObject("scores");
            sr.scores().forEach((k, v) -> putNumber(sc, k, v));
            ArrayNode its = n.putArray("items");
            for (ScaleItem i : sr.items()) {
                ObjectNode in = its.addObject();
                in.put("key", i.key());
                in.put("label", i.label());
                putNumber(in, "value", i.value());
                in.put("measure", i.measure());
                putNumber(in, "measured", i.measured());
                in.put("rule", i.rule());
                ArrayNode ps = in.putArray("postures");
                i.postures().forEach(m -> ps.add(m.key()));
                in.put("status", i.status());
            }
        }
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        return root;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static ObjectNode sideJson(SideMeasures m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("brow_height_mm", m.browHeightMm());
        n.put("palpebral_fissure_mm", m.palpebralFissureMm());
        n.put("commissure_excursion_mm", m.commissureExcursionMm());
        n.put("smile_angle_deg", m.smileAngleDeg());
        n.put("commissure_height_mm", m.commissureHeightMm());
        n.put("interlabial_gap_mm", m.interlabialGapMm());
        n.put("upper_lip_height_mm", m.upperLipHeightMm());
        n.put("lower_lip_drop_mm", m.lowerLipDropMm());
        putNumber(n, "nasolabial_fold_depth_mm", m.nasolabialFoldDepthMm());
        ArrayNode c = n.putArray("commissure_position_mm");
        for (double v : m.commissure()) {
            c.add(v);
        }
        return n;
    }

    /**
     * Writes report.json, report.html and report.csv (every number, {@link ReportCsv}) into {@code dir}.
     *
     * @param figures  titled images to show (photos with overlays, 3D views, asymmetry heatmaps), in order
     * @param accuracy one paragraph on the accuracy the benchmarks measured, shown on the page
     */
    public static void write(Assessment a, Map<Movement, String> sources, Map<String, Object> extra,
                             Map<String, BufferedImage> figures, String accuracy, Path dir) {
        ObjectNode json = toJson(a, sources, extra);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json));
            AtomicFiles.writeString(dir.resolve("report.html"), html(a, figures, accuracy));
            AtomicFiles.writeString(dir.resolve("report.csv"), ReportCsv.of(json));
        } catch (IOException e) {
            throw new Face3dException("cannot write the report into " + dir + " (" + e.getMessage()
                + "): check the folder is writable");
        }
    }

    /** A plain-language sentence per movement, e.g. "Smile: the right side moves 35% as much as the left". */
    public static Map<String, String> summary(Assessment a) {
        Map<String, String> out = new LinkedHashMap<>();
        for (MovementScore s : a.movements().values()) {
            String name = s.movement().label();
            String text;
            if (s.ratio() >= 0.9) {
                text = String.format(Locale.ROOT, "both sides move alike (weaker/stronger %.2f).", s.ratio());
            } else {
                text = String.format(Locale.ROOT, "the %s side moves %.0f%% as much as the %s side.",
                    s.weakerSide().json(), 100 * s.ratio(), s.weakerSide().other().json());
            }
            out.put(name, text);
        }
        return out;
    }

    /** Which side the scales take as healthy and why; never claims a choice that nothing decided. */
    public static String healthySentence(Assessment a) {
        return switch (a.healthyChosen()) {
            case "given" -> "Healthy side: the " + a.healthySide().json() + " side, as given.";
            case "auto" -> "Healthy side: the " + a.healthySide().json() + " side, the side that moved more.";
            default -> "No side was found weaker: " + (a.movements().isEmpty() ? "no movement was given"
                : "the movements were alike on both sides") + "; the scales compare the sides both ways.";
        };
    }

    static String html(Assessment a, Map<String, BufferedImage> figures, String accuracy) throws IOException {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>face3d assessment</title>")
            .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
            .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;")
            .append("text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}")
            .append("figure{display:inline-block;margin:0.5em;vertical-align:top}figure img{max-width:460px}")
            .append(".note{background:#fff4d6;border:1px solid #e0c060;padding:0.6em}")
            .append("@media print{figure img{max-width:300px}}</style></head><body>");
        h.append("<h1>Facial symmetry assessment</h1>");
        h.append("<p class=\"note\"><b>Research tool, not a medical device.</b> Measures are computed in 3D from a ")
            .append("morphable-model reconstruction, in millimetres in the face's own frame. ")
            .append(escape(accuracy)).append("</p>");
        h.append("<h2>Summary</h2><ul>");
        h.append("<li>").append(escape(healthySentence(a))).append("</li>");
        summary(a).forEach((k, v) -> h.append("<li><b>").append(escape(k)).append(":</b> ").append(escape(v))
            .append("</li>"));
        h.append(String.format(Locale.ROOT, "<li>Scores (100 = symmetric): static %s, dynamic %s, synkinesis %s.</li>",
            fmt(a.staticScore()), fmt(a.dynamicScore()), fmt(a.synkinesisScore())));
        h.append("</ul>");
        h.append("<h2>Measures</h2><table><tr><th>posture / measure</th><th>right</th><th>left</th></tr>");
        row(h, "rest: brow height (mm)", a.rightAtRest().browHeightMm(), a.leftAtRest().browHeightMm());
        row(h, "rest: palpebral fissure (mm)", a.rightAtRest().palpebralFissureMm(), a.leftAtRest().palpebralFissureMm());
        row(h, "rest: commissure excursion (mm)", a.rightAtRest().commissureExcursionMm(),
            a.leftAtRest().commissureExcursionMm());
        row(h, "rest: smile angle (deg)", a.rightAtRest().smileAngleDeg(), a.leftAtRest().smileAngleDeg());
        for (MovementScore s : a.movements().values()) {
            for (String k : s.changeRight().keySet()) {
                row(h, s.movement().key() + ": " + k, s.changeRight().get(k), s.changeLeft().get(k));
            }
            row(h, s.movement().key() + ": weaker/stronger ratio", s.ratio(), Double.NaN);
            s.activations().forEach((n, rl) -> {
                if (rl[0] > 0.01 || rl[1] > 0.01) {
                    row(h, s.movement().key() + ": activation " + n, rl[0], rl[1]);
                }
            });
        }
        h.append("</table><h2>Score items</h2><table><tr><th>item</th><th>score</th></tr>");
        a.items().forEach((k, v) -> h.append("<tr><td>").append(escape(k)).append("</td><td>").append(fmt(v))
            .append("</td></tr>"));
        h.append("</table>");
        for (ScaleResult sr : a.scales()) {
            h.append("<h2>").append(escape(sr.title())).append("</h2><p>");
            if (sr.grade() != null) {
                h.append("Grade <b>").append(escape(sr.grade())).append("</b>. ");
            }
            sr.scores().forEach((k, v) -> h.append(escape(k.replace('_', ' '))).append(" <b>").append(fmt(v))
                .append("</b>; "));
            h.append("</p><table><tr><th>item</th><th>grade</th><th>from</th><th>measured</th><th>rule</th>")
                .append("<th>postures</th></tr>");
            for (ScaleItem i : sr.items()) {
                h.append("<tr><td>").append(escape(i.label())).append("</td><td>")
                    .append(i.assessed() ? fmt(i.value()) : escape(i.status())).append("</td><td>")
                    .append(escape(i.measure())).append("</td><td>").append(fmt(i.measured())).append("</td><td>")
                    .append(escape(i.rule())).append("</td><td>")
                    .append(escape(String.join(", ", i.postures().stream().map(Movement::key).toList())))
                    .append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!figures.isEmpty()) {
            h.append("<h2>Figures</h2>");
            for (Map.Entry<String, BufferedImage> f : figures.entrySet()) {
                h.append("<figure><img alt=\"").append(escape(f.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(png(f.getValue())).append("\"><figcaption>").append(escape(f.getKey()))
                    .append("</figcaption></figure>");
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, double r, double l) {
        h.append("<tr><td>").append(escape(name)).append("</td><td>").append(fmt(r)).append("</td><td>")
            .append(fmt(l)).append("</td></tr>");
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "&ndash;";
    }

    static String png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
