package io.face3d.clinic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

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
 * Writes {@code report.json} (the machine-readable measures, field names with their units) and
 * the page a clinician reads ({@code report.html}, self-contained, images inlined as data URIs; {@code report.pdf}).
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
     * Writes report.json, report.csv (every number, {@link ReportCsv}), report.html (the page of {@code view}, from the
     * template src/main/jte/report.jte) and report.pdf ({@link ReportPdf}) into {@code dir}, each atomically.
     */
    public static void write(Assessment a, Map<Movement, String> sources, Map<String, Object> extra, ReportView view,
                             Path dir) {
        ObjectNode json = toJson(a, sources, extra);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json));
            AtomicFiles.writeString(dir.resolve("report.csv"), ReportCsv.of(json));
        } catch (IOException e) {
            throw new Face3dException("cannot write the report into " + dir + " (" + e.getMessage()
                + "): check the folder is writable");
        }
        AtomicFiles.writeString(dir.resolve("report.html"), html(view));
        ReportPdf.write(view, dir.resolve("report.pdf"));
    }

    /** The report page: the precompiled template report.jte filled with {@code view} (values HTML-escaped). */
    public static String html(ReportView view) {
        StringOutput out = new StringOutput();
        TEMPLATES.render("report.jte", view, out);
        return out.toString();
    }

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

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

    static String png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
